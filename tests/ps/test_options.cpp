// Option parsing, format building and selection setup, as procps-ng 4.0.2 does them.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "command_line.h"
#include "help.h"

using namespace td::ps;

namespace {

struct Parsed {
  std::string error;
  Invocation invocation;
};

Parsed parse(std::vector<std::string_view> args, int screen_cols = 80) {
  InvocationEnvironment env;
  env.pid_width = 5;
  env.screen_cols = screen_cols;
  Parsed parsed;
  parsed.error = parse_command_line(args, env, parsed.invocation);
  return parsed;
}

// Headers of the columns, space separated, literal AIX text in brackets.
std::string headers(const Parsed& parsed) {
  std::string out;
  for (const FormatColumn& column : parsed.invocation.format.columns) {
    if (!out.empty()) out.push_back(' ');
    out += column.spec ? column.header : "[" + column.header + "]";
  }
  return out;
}

std::string specs(const Parsed& parsed) {
  std::string out;
  for (const FormatColumn& column : parsed.invocation.format.columns) {
    if (!out.empty()) out.push_back(',');
    out += column.spec ? std::string(column.spec->spec) : "'" + column.header + "'";
  }
  return out;
}

}  // namespace

TEST_CASE("predefined formats", "[options]") {
  CHECK(specs(parse({})) == "pid,tname,time,ucmd");
  CHECK(specs(parse({"-e"})) == "pid,tname,time,ucmd");
  CHECK(specs(parse({"ax"})) == "pid,tname,stat,bsdtime,args");
  CHECK(specs(parse({"aux"})) == "user,pid,pcpu,pmem,vsz,rss,tname,stat,start_time,bsdtime,args");
  CHECK(specs(parse({"-ef"})) == "uid_hack,pid,ppid,c,stime,tname,time,cmd");
  CHECK(headers(parse({"-l"})) == "F S UID PID PPID C PRI NI ADDR SZ WCHAN TTY TIME CMD");
  CHECK(headers(parse({"-ly"})) == "S UID PID PPID C PRI NI RSS SZ WCHAN TTY TIME CMD");
  CHECK(headers(parse({"-j"})) == "PID PGID SID TTY TIME CMD");
  CHECK(headers(parse({"-F"})) == "UID PID PPID C SZ RSS PSR STIME TTY TIME CMD");
  CHECK(headers(parse({"j"})) == "PPID PID PGID SID TTY TPGID STAT UID TIME COMMAND");
  CHECK(headers(parse({"x", "-f"})) == "UID PID PPID C STIME TTY STAT TIME CMD");
  CHECK(parse({"-ef"}).invocation.options.modes.unix_f);
}

TEST_CASE("user formats", "[options]") {
  CHECK(specs(parse({"-o", "pid,comm"})) == "pid,comm");
  CHECK(specs(parse({"-opid,comm"})) == "pid,comm");
  CHECK(specs(parse({"o", "pid", "--format=comm", "-o", "args"})) == "pid,comm,args");
  CHECK(specs(parse({"-o", "pid comm,"})) == "pid,comm");
  CHECK(headers(parse({"-o", "pid=X,comm="})) == "X ");
  CHECK(headers(parse({"-o", "pid=A=B,comm"})) == "A=B COMMAND");
  const Parsed widths = parse({"-o", "pid:10,comm=NAME:X"});
  REQUIRE(widths.error.empty());
  CHECK(widths.invocation.format.columns[0].width == 10);
  CHECK(widths.invocation.format.columns[1].header == "NAME:X");
  // A header widens its column; the pid columns are as wide as pid_max is long.
  CHECK(parse({"-o", "pid=ABCDEFGH"}).invocation.format.columns[0].width == 8);
  CHECK(parse({"-o", "tpgid"}).invocation.format.columns[0].width == 5);
  CHECK(specs(parse({"-o", "DefBSD"})) == "pid,tname,stat,bsdtime,args");
  CHECK(specs(parse({"-O", "ppid"})) == "pid,ppid,state,tname,time,command");
}

TEST_CASE("AIX descriptors", "[options]") {
  CHECK(headers(parse({"-o", "%p %c"})) == "PID [ ] COMMAND []");
  CHECK(specs(parse({"-o", "%cpu"})) == "%cpu");
  CHECK(parse({"-o", "%p %%a"}).error == "missing AIX field descriptor");
  CHECK(parse({"-o", "%Z"}).error == "unknown AIX field descriptor");
  // 4.0.2 lets any first character be text, then only blanks between descriptors.
  CHECK(headers(parse({"-o", "a%a"})) == "[a] COMMAND []");
  CHECK(parse({"-o", "%p x"}).error == "improper AIX field descriptor");
  CHECK(parse({"-o", "%cpuc"}).error == "improper AIX field descriptor");
}

TEST_CASE("format errors", "[options]") {
  CHECK(parse({"-o", "pid,xyz"}).error == "unknown user-defined format specifier \"xyz\"");
  CHECK(parse({"-o", "pid,,comm"}).error == "improper format list");
  CHECK(parse({"-o", ""}).error == "format specification must follow -o");
  CHECK(parse({"-o="}).error == "unknown user-defined format specifier \"\"");
  CHECK(parse({"-o", ",pid"}).error == "improper format list");
  CHECK(parse({"-o", "pid:0"}).error == "column widths must be unsigned decimal numbers");
  CHECK(parse({"-o", "DefBSD:4"}).error ==
        "can not set width for a macro (multi-column) format specifier");
  CHECK(parse({"-o"}).error == "format specification must follow -o");
  CHECK(parse({"-o", "pid", "-l"}).error == "conflicting format options");
}

TEST_CASE("selection lists", "[options]") {
  const Parsed p = parse({"-p", "1,2 3"});
  REQUIRE(p.error.empty());
  REQUIRE(p.invocation.options.lists.size() == 1);
  CHECK(p.invocation.options.lists[0].ids == std::vector<std::uint64_t>{1, 2, 3});
  CHECK(p.invocation.selector.pid_list_only());
  CHECK(parse({"p", "0x10"}).invocation.options.lists[0].ids == std::vector<std::uint64_t>{16});
  CHECK(parse({"--pid=7"}).invocation.options.lists[0].ids == std::vector<std::uint64_t>{7});
  CHECK(parse({"-p", "1,"}).error == "improper list");
  CHECK(parse({"-p", "x"}).error == "process ID list syntax error");
  CHECK(parse({"-p", "0"}).error == "process ID out of range");
  CHECK(parse({"-p"}).error == "list of process IDs must follow -p");
  // Lists and simple selections add up: no quick path then.
  CHECK_FALSE(parse({"x", "-p", "1"}).invocation.selector.pid_list_only());
  CHECK_FALSE(parse({"-N", "-p", "1"}).invocation.selector.pid_list_only());
}

TEST_CASE("trailing pids, process groups and sessions", "[options]") {
  const Parsed p = parse({"1", "-2", "+3", "4"});
  REQUIRE(p.error.empty());
  CHECK(p.invocation.options.prefer_bsd_defaults);
  REQUIRE(p.invocation.options.lists.size() == 3);
  CHECK(p.invocation.options.lists[0].kind == ListKind::Pid);
  CHECK(p.invocation.options.lists[0].ids == std::vector<std::uint64_t>{1, 4});
  CHECK(p.invocation.options.lists[1].kind == ListKind::Pgrp);
  CHECK(p.invocation.options.lists[2].kind == ListKind::Session);
  CHECK(parse({"1", "x"}).error == "process ID list syntax error");
}

TEST_CASE("the BSD second pass", "[options]") {
  // -aux fails as SysV (user "x" unknown... or no such option), then reads as BSD aux.
  const Parsed aux = parse({"-aux"});
  REQUIRE(aux.error.empty());
  CHECK(aux.invocation.reparsed);
  CHECK(specs(aux) == specs(parse({"aux"})));
  CHECK(specs(parse({"-u"})) == specs(parse({"u"})));
  // Both passes fail: the first pass' message.
  CHECK(parse({"-Q"}).error == "unsupported SysV option");
  CHECK(parse({"--foo"}).error == "unknown gnu long option");
  CHECK(parse({"x", "-x"}).error == "must set personality to get -x option");
}

TEST_CASE("selection conflicts", "[options]") {
  CHECK(parse({"-a", "g"}).error == "process selection options conflict");
  CHECK(parse({"ax"}).error.empty());
  CHECK(parse({"-q", "1", "-q", "2"}).error.empty());
  CHECK(quick_pid_conflicts(parse({"-q", "1", "-q", "2"}).invocation) ==
        "q/-q/--quick-pid can only be used once.");
  CHECK(quick_pid_conflicts(parse({"-q", "1", "-p", "2"}).invocation) ==
        "q/-q/--quick-pid cannot be combined with other selection options.");
}

TEST_CASE("actions, headers and widths", "[options]") {
  CHECK(parse({"-V"}).invocation.options.action == Action::Version);
  CHECK(parse({"-V", "x"}).error == "the option is exclusive: -V");
  CHECK(parse({"L"}).invocation.options.action == Action::ListFormats);
  const Parsed help = parse({"--help", "all"});
  CHECK(help.invocation.options.action == Action::Help);
  CHECK(help.invocation.options.help_topic == "all");
  CHECK(parse({"--no-headers"}).invocation.options.header == HeaderMode::None);
  CHECK(parse({"--no-headers", "--headers"}).error == "only one heading option may be specified");
  CHECK(parse({"w"}, 80).invocation.screen_cols == 132);
  CHECK(parse({"ww"}, 80).invocation.screen_cols == 128 * 1024);
  CHECK(parse({"--cols", "50"}, 80).invocation.screen_cols == 50);
  CHECK(parse({"--cols=x"}).error == "number of columns must follow --cols, --width, or --columns");
}

TEST_CASE("--help: ps' text under the name ps, tdps' own options added under another",
          "[options][help]") {
  // The lines tdps adds; everything else is ps' text with its name (the differential
  // tests compare the text under the name ps with ps' own, byte for byte).
  const std::vector<std::string> own = {
      "     --json           print JSON: an array, one object per line\n",
      "     --backend=<auto|taskdiag|bpf|procfs>\n"
      "                      where task data is read from\n"
      "     --debug          print the backend and what it read on stderr\n",
      "\n Not in ps: --json (see --help output), --backend and --debug (--help misc).\n"};
  auto without_own = [&](std::string text) {
    for (const std::string& lines : own)
      if (const std::size_t at = text.find(lines); at != std::string::npos)
        text.erase(at, lines.size());
    return text;
  };
  auto renamed = [](std::string text) {
    for (std::size_t at = text.find("tdps"); at != std::string::npos; at = text.find("tdps", at))
      text.erase(at, 2);
    return text;
  };
  for (const std::string_view topic :
       {"", "simple", "list", "output", "threads", "misc", "all", "s", "o", "m", "a", "bogus"}) {
    INFO("--help " << topic);
    const std::string as_ps = help_text("ps", topic);
    const std::string as_tdps = help_text("tdps", topic);
    for (const char* option : {"--json", "--backend", "--debug"})
      CHECK(as_ps.find(option) == std::string::npos);
    CHECK(renamed(without_own(as_tdps)) == as_ps);
    const bool output = topic == "output" || topic == "o", misc = topic == "misc" || topic == "m",
               all = topic == "all" || topic == "a", brief = topic.empty() || topic == "bogus";
    CHECK((as_tdps.find("     --json ") != std::string::npos) == (output || all));
    CHECK((as_tdps.find("     --backend=") != std::string::npos) == (misc || all));
    CHECK((as_tdps.find("     --debug ") != std::string::npos) == (misc || all));
    CHECK((as_tdps.find("Not in ps: --json") != std::string::npos) == brief);
  }
}
