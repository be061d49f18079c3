// top 4.0.2's command line: each option's effect, and the messages, output and exit status
// of bad ones (as /usr/bin/top prints them; see the comments for the cases' origin).
#include <catch2/catch.hpp>

#include "command_line.h"

using namespace td::top;

namespace {

std::optional<uid_t> fake_user(const std::string& name) {
  if (name == "root") return 0;
  if (name == "nobody") return 65534;
  return std::nullopt;
}
bool fake_uid_exists(uid_t uid) {
  return uid == 0 || uid == 65534;
}

struct Parsed {
  TopConfig config = default_config();
  RunOptions run;
  std::optional<EarlyExit> exit;
};

Parsed parse(std::vector<std::string> args, bool secure = false) {
  Parsed p;
  p.run.secure = secure;
  args.insert(args.begin(), "top");
  const ParseContext context{"top", 4242, fake_user, fake_uid_exists};
  p.exit = parse_command_line(args, context, p.config, p.run);
  return p;
}

// An early end: what stdout gets, what stderr gets, the status.
void check_exit(const Parsed& p, const std::string& out, const std::string& err, int status) {
  REQUIRE(p.exit);
  CHECK(p.exit->out == out);
  CHECK(p.exit->err == err);
  CHECK(p.exit->status == status);
}

const WindowConfig& def(const Parsed& p) {
  return p.config.windows[0];
}

}  // namespace

TEST_CASE("batch options and their values", "[options]") {
  const Parsed p = parse({"-b", "-n", "3", "-d", "0.5", "-w", "200", "-H", "-E", "g", "-e", "m"});
  CHECK_FALSE(p.exit);
  CHECK(p.run.batch);
  CHECK(p.run.iterations == 3);
  CHECK(p.config.delay == 0.5f);
  CHECK(p.run.width == 200);
  CHECK(p.run.threads);
  CHECK(p.config.summary_scale == 2);
  CHECK(p.config.task_scale == 1);
}

TEST_CASE("clusters, attached values, '=' and long forms", "[options][getopt]") {
  Parsed p = parse({"-bn1", "-d=2", "--width", "--sort-override=+PID"});
  CHECK_FALSE(p.exit);
  CHECK(p.run.batch);
  CHECK(p.run.iterations == 1);
  CHECK(p.config.delay == 2.0f);
  CHECK(p.run.width == -1);  // -w alone: COLUMNS, else 512
  CHECK(def(p).sort_field == static_cast<int>(FieldId::Pid));
  CHECK(def(p).flags & kSortHighFirst);
  // top takes the word after an option without its argument unless it starts with '-'.
  p = parse({"-b", "--w", "100", "--iter", "0x10", "--del", "1,5"});
  CHECK_FALSE(p.exit);
  CHECK(p.run.width == 100);
  CHECK(p.run.iterations == 16);
  CHECK(p.config.delay == 1.5f);
}

TEST_CASE("toggles of the current window", "[options]") {
  const Parsed p = parse({"-c", "-i", "-S", "-1", "-o", "-%MEM"});
  CHECK_FALSE(p.exit);
  const int flags = def(p).flags;
  CHECK(flags & kShowCommandLine);
  CHECK_FALSE(flags & kShowIdle);
  CHECK(flags & kShowCumulative);
  CHECK_FALSE(flags & kViewCpuSum);
  CHECK_FALSE(flags & kSortHighFirst);
  CHECK(def(p).sort_field == static_cast<int>(FieldId::Mem));
}

TEST_CASE("-p: up to 20 pids, 0 is top itself, repeats dropped, the order kept", "[options]") {
  Parsed p = parse({"-p", "5,3", "-p3", "-p", "0"});
  CHECK_FALSE(p.exit);
  CHECK(p.run.pids == std::vector<pid_t>{5, 3, 4242});
  std::string many;
  for (int i = 1; i <= 21; ++i)
    many += (i > 1 ? "," : "") + std::to_string(i);
  check_exit(parse({"-p", many}), "", "top: pid limit (20) exceeded\n", 1);
  check_exit(parse({"-p", "1,2.5"}), "", "top: bad pid '1,2.5'\n", 1);
  check_exit(parse({"-p", "1,,2"}), "", "top: bad pid ',2'\n", 1);
  check_exit(parse({"-b", "-n", "1", "-p", "-1"}), "", "top: bad pid '-1'\n", 1);
}

TEST_CASE("-u and -U: names, numbers, negation, conflicts", "[options]") {
  Parsed p = parse({"-u", "nobody"});
  CHECK(p.run.user.type == 'u');
  CHECK(p.run.user.uid == 65534);
  CHECK(p.run.user.include);
  p = parse({"-U", "!0"});
  CHECK(p.run.user.type == 'U');
  CHECK(p.run.user.uid == 0);
  CHECK_FALSE(p.run.user.include);
  p = parse({"-u", "12345"});  // a number with no passwd entry is taken as it is
  CHECK(p.run.user.uid == 12345);
  check_exit(parse({"-u", "nosuchuser"}), "", "top: Invalid user\n", 1);
  check_exit(parse({"-p", "1", "-u", "root"}), "", "top: conflicting process selections (U/p/u)\n",
             1);
  check_exit(parse({"-u", "root", "-p", "1"}), "", "top: conflicting process selections (U/p/u)\n",
             1);
  check_exit(parse({"-u", "root", "-u", "root"}), "",
             "top: conflicting process selections (U/p/u)\n", 1);
}

TEST_CASE("bad values: top's messages, status 1", "[options]") {
  check_exit(parse({"-b", "-n", "1", "-w", "2"}), "", "top: bad width arg '2'\n", 1);
  check_exit(parse({"-w", "513"}), "", "top: bad width arg '513'\n", 1);
  check_exit(parse({"-w", "abc", "-b"}), "", "top: bad width arg 'abc'\n", 1);
  check_exit(parse({"-n", "0"}), "", "top: bad iterations argument '0'\n", 1);
  check_exit(parse({"-n", "x"}), "", "top: bad iterations argument 'x'\n", 1);
  check_exit(parse({"-d", "-1"}), "", "top: -d requires positive argument\n", 1);
  check_exit(parse({"-d", "x"}), "", "top: bad delay interval 'x'\n", 1);
  check_exit(parse({"-o", "FOO"}), "", "top: unrecognized field name 'FOO'\n", 1);
  check_exit(parse({"-E", "x"}), "", "top: bad memory scaling arg 'x'\n", 1);
  check_exit(parse({"-e", "e"}), "", "top: bad memory scaling arg 'e'\n", 1);
  check_exit(parse({"-s", "-d", "1"}), "", "top: -d disallowed in \"secure\" mode\n", 1);
  check_exit(parse({"-d", "1"}, true), "", "top: -d disallowed in \"secure\" mode\n", 1);
  check_exit(parse({"-b", "foo"}), "", "top: unknown option 'foo'\n", 1);
  check_exit(parse({"foo"}), "", "top: unknown option 'foo'\n", 1);
  check_exit(parse({"-b", "--", "-n"}), "", "top: unknown option '-n'\n", 1);
  check_exit(parse({"-b", ""}), "", "top: -b argument missing\n", 1);
  check_exit(parse({"-b", "-n="}), "", "top: -n argument missing\n", 1);
}

TEST_CASE("options getopt refuses end top with status 0 (4.0.2)", "[options][getopt]") {
  check_exit(parse({"-Z"}), "", "top: invalid option -- 'Z'\n", 0);
  check_exit(parse({"-b", "-Z"}), "\n", "top: invalid option -- 'Z'\n", 0);
  check_exit(parse({"--foo"}), "", "top: unrecognized option '--foo'\n", 0);
  check_exit(parse({"--s"}), "",
             "top: option '--s' is ambiguous; possibilities: '--scale-summary-mem' "
             "'--scale-task-mem' '--sort-override' '--secure-mode' '--single-cpu-toggle'\n",
             0);
  check_exit(parse({"-d"}), "", "top: option requires an argument -- 'd'\n", 0);
  check_exit(parse({"-b", "-n"}), "\n", "top: option requires an argument -- 'n'\n", 0);
  check_exit(parse({"--delay"}), "", "top: option '--delay' requires an argument\n", 0);
  check_exit(parse({"-b", "--batch-mode=1"}), "\n",
             "top: option '--batch-mode' doesn't allow an argument\n", 0);
  check_exit(parse({"-x", ""}), "", "top: invalid option -- 'x'\ntop: -? argument missing\n", 1);
}

TEST_CASE("-h, -O and -V print and end; a batch run adds a newline", "[options]") {
  const Parsed help = parse({"-h"});
  REQUIRE(help.exit);
  CHECK(help.exit->status == 0);
  CHECK(
      help.exit->out.starts_with("\nUsage:\n top [options]\n\nOptions:\n"
                                 " -b, --batch-mode                run in non-interactive "
                                 "batch mode\n"));
  CHECK(help.exit->out.find(" -d, --delay =SECS [.TENTHS]     iterative delay as SECS "
                            "[.TENTHS]\n") != std::string::npos);
  CHECK(help.exit->out.find(" -1, --single-cpu-toggle         reverse last remembered '1' "
                            "state\n\n -h, --help") != std::string::npos);
  CHECK(help.exit->out.ends_with("\nFor more details see top(1).\n"));
  CHECK(parse({"-b", "-h"}).exit->out == help.exit->out + "\n");
  const Parsed fields = parse({"-O"});
  CHECK(fields.exit->out.starts_with("PID\nPPID\nUID\nUSER\n"));
  CHECK(fields.exit->out.ends_with("%CUC\nnsCGROUP\nnsTIME\n"));
  CHECK(parse({"-b", "-O"}).exit->out.ends_with("nsTIME\n\n"));
}

TEST_CASE("tdtop's own options match only by their whole names", "[options]") {
  Parsed p = parse({"-b", "--json", "--debug", "--backend=procfs"});
  CHECK_FALSE(p.exit);
  CHECK(p.run.json);
  CHECK(p.run.debug);
  REQUIRE(p.run.backend);
  CHECK(*p.run.backend == procscan::BackendChoice::Procfs);
  // "--d" stays top's --delay, not ambiguous with --debug.
  p = parse({"--d", "4"});
  CHECK_FALSE(p.exit);
  CHECK(p.config.delay == 4.0f);
  check_exit(parse({"--backend=nope"}), "",
             "top: unknown backend 'nope' (auto, taskdiag, bpf, procfs)\n", 1);
}
