#include "help.h"

#include <fmt/format.h>

#include <array>
#include <iterator>

#include "columns.h"

#ifndef TD_VERSION
#error "TD_VERSION must be defined by the build"
#endif

namespace td::ps {

namespace {

struct Topic {
  std::string_view word;
  std::string_view abbreviation;
};

enum Section { kSimple, kList, kOutput, kThreads, kMisc, kAll, kNone };

constexpr std::array<Topic, 6> kTopics{{
    {"simple", "s"},
    {"list", "l"},
    {"output", "o"},
    {"threads", "t"},
    {"misc", "m"},
    {"all", "a"},
}};

Section section_of(std::string_view topic) {
  for (std::size_t i = 0; i < kTopics.size(); ++i)
    if (topic == kTopics[i].word || topic == kTopics[i].abbreviation)
      return static_cast<Section>(i);
  return kNone;
}

constexpr std::string_view kSimpleText =
    "\nBasic options:\n"
    " -A, -e               all processes\n"
    " -a                   all with tty, except session leaders\n"
    "  a                   all with tty, including other users\n"
    " -d                   all except session leaders\n"
    " -N, --deselect       negate selection\n"
    "  r                   only running processes\n"
    "  T                   all processes on this terminal\n"
    "  x                   processes without controlling ttys\n";

constexpr std::string_view kListText =
    "\nSelection by list:\n"
    " -C <command>         command name\n"
    " -G, --Group <GID>    real group id or name\n"
    " -g, --group <group>  session or effective group name\n"
    " -p, p, --pid <PID>   process id\n"
    "        --ppid <PID>  parent process id\n"
    " -q, q, --quick-pid <PID>\n"
    "                      process id (quick mode)\n"
    " -s, --sid <session>  session id\n"
    " -t, t, --tty <tty>   terminal\n"
    " -u, U, --user <UID>  effective user id or name\n"
    " -U, --User <UID>     real user id or name\n"
    "\n"
    "  The selection options take as their argument either:\n"
    "    a comma-separated list e.g. '-u root,nobody' or\n"
    "    a blank-separated list e.g. '-p 123 4567'\n";

constexpr std::string_view kOutputText =
    "\nOutput formats:\n"
    " -F                   extra full\n"
    " -f                   full-format, including command lines\n"
    "  f, --forest         ascii art process tree\n"
    " -H                   show process hierarchy\n"
    " -j                   jobs format\n"
    "  j                   BSD job control format\n"
    " -l                   long format\n"
    "  l                   BSD long format\n"
    " -M, Z                add security data (for SELinux)\n"
    " -O <format>          preloaded with default columns\n"
    "  O <format>          as -O, with BSD personality\n"
    " -o, o, --format <format>\n"
    "                      user-defined format\n"
    "  -P                  add psr column\n"
    "  s                   signal format\n"
    "  u                   user-oriented format\n"
    "  v                   virtual memory format\n"
    "  X                   register format\n"
    " -y                   do not show flags, show rss vs. addr (used with -l)\n"
    "     --context        display security context (for SELinux)\n"
    "     --headers        repeat header lines, one per page\n"
    "     --no-headers     do not print header at all\n"
    "     --cols, --columns, --width <num>\n"
    "                      set screen width\n"
    "     --rows, --lines <num>\n"
    "                      set screen height\n";

constexpr std::string_view kThreadsText =
    "\nShow threads:\n"
    "  H                   as if they were processes\n"
    " -L                   possibly with LWP and NLWP columns\n"
    " -m, m                after processes\n"
    " -T                   possibly with SPID column\n";

constexpr std::string_view kMiscText =
    "\nMiscellaneous options:\n"
    " -c                   show scheduling class with -l option\n"
    "  c                   show true command name\n"
    "  e                   show the environment after command\n"
    "  k,    --sort        specify sort order as: [+|-]key[,[+|-]key[,...]]\n"
    "  L                   show format specifiers\n"
    "  n                   display numeric uid and wchan\n"
    "  S,    --cumulative  include some dead child process data\n"
    " -y                   do not show flags, show rss (only with -l)\n"
    " -V, V, --version     display version information and exit\n"
    " -w, w                unlimited output width\n";

constexpr std::string_view kMiscHelpText =
    "\n"
    "        --help <simple|list|output|threads|misc|all>\n"
    "                      display help and exit\n";

// tdps' own options, which ps lacks. Under the name ps the text is ps' own to the byte (the
// differential tests compare it with ps'); under any other name these lines join it.
constexpr std::string_view kOutputExtraText =
    "     --json           print JSON: an array, one object per line\n";

constexpr std::string_view kMiscExtraText =
    "     --backend=<auto|taskdiag|bpf|procfs>\n"
    "                      where task data is read from\n"
    "     --debug          print the backend and what it read on stderr\n";

constexpr std::string_view kShortExtraText =
    "\n Not in ps: --json (see --help output), --backend and --debug (--help misc).\n";

}  // namespace

std::string help_text(std::string_view program, std::string_view topic) {
  const Section section = section_of(topic);
  const bool own_options = program != "ps";
  std::string text = fmt::format("\nUsage:\n {} [options]\n", program);
  auto shows = [section](Section s) { return section == s || section == kAll; };
  if (shows(kSimple)) text.append(kSimpleText);
  if (shows(kList)) text.append(kListText);
  if (shows(kOutput)) {
    text.append(kOutputText);
    if (own_options) text.append(kOutputExtraText);
  }
  if (shows(kThreads)) text.append(kThreadsText);
  if (shows(kMisc)) {
    text.append(kMiscText);
    if (own_options) text.append(kMiscExtraText);
    text.append(kMiscHelpText);
  }
  if (section == kNone) {
    fmt::format_to(std::back_inserter(text),
                   "\n Try '{0} --help <simple|list|output|threads|misc|all>'\n"
                   "  or '{0} --help <s|l|o|t|m|a>'\n"
                   " for additional help text.\n",
                   program);
    if (own_options) text.append(kShortExtraText);
  }
  fmt::format_to(std::back_inserter(text), "\nFor more details see {}(1).\n", program);
  return text;
}

std::string version_text(std::string_view program) {
  return fmt::format("{} from td {}\n", program, TD_VERSION);
}

std::string format_specifier_list() {
  std::string text;
  for (const ColumnSpec& column : all_columns()) {
    if (column.print == nullptr) continue;
    fmt::format_to(std::back_inserter(text), "{:<12.12} {:<8.8}\n", column.spec, column.header);
  }
  return text;
}

}  // namespace td::ps
