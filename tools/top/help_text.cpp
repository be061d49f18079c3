#include "help_text.h"

#include <fmt/format.h>

namespace td::top {

namespace {

// top_nls.c KEYS_helpbas_fmt, KEYS_helpext_fmt and WINDOWS_help_fmt, with fmt's fields
// where top has printf's; '~N' are show_special's attribute markers.
constexpr const char* kBasic =
    "Help for Interactive Commands~2 - {}\n"
    "Window ~1{}~6: ~1Cumulative mode ~3{}~2.  ~1System~6: ~1Delay ~3{:.1f} secs~2; ~1Secure mode "
    "~3{}~2.\n"
    "\n"
    "  Z~5,~1B~5,E,e   Global: '~1Z~2' colors; '~1B~2' bold; '~1E~2'/'~1e~2' summary/task memory "
    "scale\n"
    "  l,t,m,I   Toggle: '~1l~2' load avg; '~1t~2' task/cpu; '~1m~2' memory; '~1I~2' Irix mode\n"
    "  0,1,2,3,4 Toggle: '~10~2' zeros; '~11~2/~12~2/~13~2' cpu/numa views; '~14~2' cpus two "
    "abreast\n"
    "  f,X       Fields: '~1f~2' add/remove/order/sort; '~1X~2' increase fixed-width fields\n"
    "\n"
    "  L,&,<,> . Locate: '~1L~2'/'~1&~2' find/again; Move sort column: '~1<~2'/'~1>~2' left/right\n"
    "  R,H,J,C . Toggle: '~1R~2' Sort; '~1H~2' Threads; '~1J~2' Num justify; '~1C~2' Coordinates\n"
    "  c,i,S,j . Toggle: '~1c~2' Cmd name/line; '~1i~2' Idle; '~1S~2' Time; '~1j~2' Str justify\n"
    "  x~5,~1y~5     . Toggle highlights: '~1x~2' sort field; '~1y~2' running tasks\n"
    "  z~5,~1b~5     . Toggle: '~1z~2' color/mono; '~1b~2' bold/reverse (only if 'x' or 'y')\n"
    "  u,U,o,O . Filter by: '~1u~2'/'~1U~2' effective/any user; '~1o~2'/'~1O~2' other criteria\n"
    "  n,#,^O  . Set: '~1n~2'/'~1#~2' max tasks displayed; Show: ~1Ctrl~2+'~1O~2' other filter(s)\n"
    "  V,v,F   . Toggle: '~1V~2' forest view; '~1v~2' hide/show children; '~1F~2' keep focused\n"
    "\n"
    "{}"
    "  ^G,K,N,U  View: ctl groups ~1^G~2; cmdline ~1^K~2; environment ~1^N~2; supp groups ~1^U~2\n"
    "  W,Y,!,^E  Write cfg '~1W~2'; Inspect '~1Y~2'; Combine Cpus '~1!~2'; Scale time ~1^E~2'\n"
    "  q         Quit\n"
    "          ( commands shown with '.' require a ~1visible~2 task display ~1window~2 ) \n"
    "Press '~1h~2' or '~1?~2' for help with ~1Windows~2,\n"
    "Type 'q' or <Esc> to continue ";

constexpr const char* kExtra =
    "  d,k,r,^R '~1d~2' set delay; '~1k~2' kill; '~1r~2' renice; ~1Ctrl~2+'~1R~2' renice "
    "autogroup\n";

constexpr const char* kWindows =
    "Help for Windows / Field Groups~2 - \"Current Window\" = ~1 {} ~6\n"
    "\n"
    ". Use multiple ~1windows~2, each with separate config opts (color,fields,sort,etc)\n"
    ". The 'current' window controls the ~1Summary Area~2 and responds to your ~1Commands~2\n"
    "  . that window's ~1task display~2 can be turned ~1Off~2 & ~1On~2, growing/shrinking others\n"
    "  . with ~1NO~2 task display, some commands will be ~1disabled~2 ('i','R','n','c', etc)\n"
    "    until a ~1different window~2 has been activated, making it the 'current' window\n"
    ". You ~1change~2 the 'current' window by: ~1 1~2) cycling forward/backward;~1 2~2) choosing\n"
    "  a specific field group; or~1 3~2) exiting the color mapping or fields screens\n"
    ". Commands ~1available anytime   -------------~2\n"
    "    A       . Alternate display mode toggle, show ~1Single~2 / ~1Multiple~2 windows\n"
    "    g       . Choose another field group and make it 'current', or change now\n"
    "              by selecting a number from: ~1 1~2 ={};~1 2~2 ={};~1 3~2 ={}; or~1 4~2 ={}\n"
    ". Commands ~1requiring~2 '~1A~2' mode~1  -------------~2\n"
    "    G       . Change the ~1Name~5 of the 'current' window/field group\n"
    " ~1*~4  a , w   . Cycle through all four windows:  '~1a~5' Forward; '~1w~5' Backward\n"
    " ~1*~4  - , _   . Show/Hide:  '~1-~5' ~1Current~2 window; '~1_~5' all "
    "~1Visible~2/~1Invisible~2\n"
    "  The screen will be divided evenly between task displays.  But you can make\n"
    "  some ~1larger~2 or ~1smaller~2, using '~1n~2' and '~1i~2' commands.  Then later you could:\n"
    " ~1*~4  = , +   . Rebalance tasks:  '~1=~5' ~1Current~2 window; '~1+~5' ~1Every~2 window\n"
    "              (this also forces the ~1current~2 or ~1every~2 window to become visible)\n"
    "\n"
    "In '~1A~2' mode, '~1*~4' keys are your ~1essential~2 commands.  Please try the '~1a~2' and "
    "'~1w~2'\n"
    "commands plus the 'g' sub-commands NOW.  Press <Enter> to make 'Current' ";

// top_nls.c COLOR_custom_fmt (the 'Z' screen).
constexpr const char* kColors =
    "Help for color mapping~2 - \"Current Window\" = ~1 {} ~6\n"
    "\n"
    "   color - 04:25:44 up 8 days, 50 min,  7 users,  load average:\n"
    "   Tasks:~3  64 ~2total,~3   2 ~3running,~3  62 ~2sleeping,~3   0 ~2stopped,~3\n"
    "   %Cpu(s):~3  76.5 ~2user,~3  11.2 ~2system,~3   0.0 ~2nice,~3  12.3 ~2idle~3\n"
    "   ~1 Nasty Message! ~4  -or-  ~1Input Prompt~5\n"
    "   ~1  PID TTY     PR  NI %CPU    TIME+   VIRT SWAP S COMMAND    ~6\n"
    "   17284 ~8pts/2  ~7  8   0  0.0   0:00.75  1380    0 S /bin/bash   ~8\n"
    "   ~1 8601 pts/1    7 -10  0.4   0:00.03   916    0 R color -b -z~7\n"
    "   11005 ~8?      ~7  9   0  0.0   0:02.50  2852 1008 S amor -sessi~8\n"
    "   available toggles: ~1B~2 =disable bold globally (~1{}~2),\n"
    "       ~1z~2 =color/mono (~1{}~2), ~1b~2 =tasks \"bold\"/reverse (~1{}~2)\n"
    "\n"
    "1) Select a ~1target~2 as an upper case letter, ~1current target~2 is ~1 {} ~4:\n"
    "   S~2 = Summary Data,~1  M~2 = Messages/Prompts,\n"
    "   H~2 = Column Heads,~1  T~2 = Task Information\n"
    "2) Select a ~1color~2 as a number or use the up/down arrow keys\n"
    "   to raise/lower the {} colors value, ~1current color~2 is ~1 {} ~4:\n"
    "   0~2 = black,~1  1~2 = red,    ~1  2~2 = green,~1  3~2 = yellow,\n"
    "   4~2 = blue, ~1  5~2 = magenta,~1  6~2 = cyan, ~1  7~2 = white\n"
    "\n"
    "3) Then use these keys when finished:\n"
    "   'q' or <Esc> to abort changes to window '~1{}~2'\n"
    "   'a' or 'w' to commit & change another, <Enter> to commit and end ";

const char* on_off(bool on) {
  return on ? "On" : "Off";
}

}  // namespace

std::string basic_help(const HelpFacts& f) {
  return fmt::format(fmt::runtime(kBasic), "procps-ng 4.0.2", f.group_name,
                     f.cumulative ? "On" : "Off", f.delay, f.secure ? "On" : "Off",
                     f.secure ? "" : kExtra);
}

std::string color_help(const ColorHelpFacts& f) {
  return fmt::format(fmt::runtime(kColors), f.group_name, on_off(f.no_bold), on_off(f.colors),
                     on_off(f.high_bold), f.target, f.colors_count, f.color, f.group_name);
}

std::string windows_help(const HelpFacts& f) {
  return fmt::format(fmt::runtime(kWindows), f.group_name, f.window_names[0], f.window_names[1],
                     f.window_names[2], f.window_names[3]);
}

}  // namespace td::top
