// td-diff: differential test of a candidate tool (tdps) against the reference (procps ps)
// on the fixture world. Every line of the case table becomes one Catch2 test case.
//
//   td-diff --tool=ps --reference=/usr/bin/ps --reference-version='procps-ng 4.0.2'
//           --candidate=PATH --cases=ps_cases.txt --world=PATH/td-world
//           [--expect-failures] [--ignore-gaps] [--show-output] [Catch2 options]
//           [--reference-env=K=V]... [--candidate-env=K=V]... [--skip-unless-candidate-runs=ARGS]
//           [--data=DIR] [--sample=N]
//
// --tool=top compares top's batch frames: every output is masked first (top_masks.h), and
// @noself drops the tool's row in every frame. {data:NAME} in a case is DIR/NAME.
//
// --tool=lsof (--reference=/usr/bin/lsof --reference-version=4.95.0, matched against the
// "revision:" line of `lsof -v`) runs in a world that also has a network namespace of its
// own and lsof's fixture rows (tests/fixtures/lsof_world.h); nothing is masked, and the
// cases keep the tool's own files out by selection (header of lsof_cases.txt).
//
// --reference-env and --candidate-env add a variable to one side's environment only, for
// comparing one program with itself under two settings (the backends of tdps). With
// --skip-unless-candidate-runs, the candidate first runs once with those arguments (split
// at blanks) and that side's environment; if it fails, the run is skipped with its stderr
// as the reason (CI turns that into a failure, as for a missing root).
//
// --show-output prints what the reference wrote for every case (escaped), to help writing
// cases.
// --expect-failures is for testing the harness with a deliberately wrong candidate: the run
// passes when the world is sound and every case run failed. --sample=N runs every Nth case
// only (the first, the N+1st...).
// --ignore-gaps compares @gap cases like any other (a reference against itself).
// --candidate may also come from the environment variable TDPS. Without root, or where
// `unshare --pid` fails, it prints "SKIPPED: ..." and exits 77, which meson counts as a
// skip -- unless CI is set, in which case it fails: CI runs as root and must not skip.
#define CATCH_CONFIG_RUNNER
// Failure reports hold output lines of up to 200 columns; Catch would wrap them at 80.
#define CATCH_CONFIG_CONSOLE_WIDTH 200
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>

#include "case_table.h"
#include "comparison.h"
#include "tool_links.h"
#include "top_masks.h"
#include "world_client.h"

extern char** environ;

namespace {

using td::diff::Case;
using td::diff::CaseContext;
using td::diff::WorldClient;

struct Options {
  std::string tool = "ps";
  std::string reference = "/usr/bin/ps";
  std::string reference_version;  // must appear in `reference --version`; empty: no check
  std::string candidate;
  std::string cases;
  std::string world;
  std::string candidate_probe;
  std::string data;
  std::vector<std::string> reference_env;
  std::vector<std::string> candidate_env;
  bool expect_failures = false;
  std::string sample;  // --sample=N: every Nth case only
  bool ignore_gaps = false;
  bool show_output = false;
  std::vector<char*> catch_args;
};

bool in_ci() {
  const char* ci = getenv("CI");
  return ci != nullptr && *ci != '\0' && std::strcmp(ci, "false") != 0 && std::strcmp(ci, "0") != 0;
}

int skip(const std::string& reason) {
  if (in_ci()) {
    std::cout << "FAILED: CI is set, so this must not skip: " << reason << std::endl;
    return 1;
  }
  std::cout << "SKIPPED: " << reason << std::endl;
  return 77;  // meson's exit status for a skipped test
}

bool parse_options(int argc, char** argv, Options* options) {
  options->catch_args.push_back(argv[0]);
  if (const char* tdps = getenv("TDPS")) options->candidate = tdps;
  const std::pair<const char*, std::string*> ours[] = {
      {"--tool=", &options->tool},
      {"--reference=", &options->reference},
      {"--reference-version=", &options->reference_version},
      {"--candidate=", &options->candidate},
      {"--cases=", &options->cases},
      {"--world=", &options->world},
      {"--skip-unless-candidate-runs=", &options->candidate_probe},
      {"--data=", &options->data},
      {"--sample=", &options->sample},
  };
  const std::pair<const char*, std::vector<std::string>*> lists[] = {
      {"--reference-env=", &options->reference_env},
      {"--candidate-env=", &options->candidate_env},
  };
  for (int i = 1; i < argc; ++i) {
    bool consumed = false;
    if (std::strcmp(argv[i], "--expect-failures") == 0) {
      options->expect_failures = true;
      continue;
    }
    if (std::strcmp(argv[i], "--ignore-gaps") == 0) {
      options->ignore_gaps = true;
      continue;
    }
    if (std::strcmp(argv[i], "--show-output") == 0) {
      options->show_output = true;
      continue;
    }
    for (auto [prefix, target] : lists) {
      if (std::strncmp(argv[i], prefix, std::strlen(prefix)) == 0) {
        target->push_back(argv[i] + std::strlen(prefix));
        consumed = true;
      }
    }
    for (auto [prefix, target] : ours) {
      if (std::strncmp(argv[i], prefix, std::strlen(prefix)) == 0) {
        *target = argv[i] + std::strlen(prefix);
        consumed = true;
      }
    }
    if (!consumed) options->catch_args.push_back(argv[i]);
  }
  std::string missing;
  if (options->candidate.empty()) missing += " --candidate (or TDPS)";
  if (options->cases.empty()) missing += " --cases";
  if (options->world.empty()) missing += " --world";
  if (!missing.empty()) std::cerr << "td-diff: missing" << missing << "\n";
  return missing.empty();
}

// The reference's version line, for checking that it is the version we mirror: the first
// line of `--version` (procps), or the "revision:" line `lsof -v` writes to stderr.
std::string version_of(const std::string& exe, const std::string& tool) {
  const bool lsof = tool == "lsof";
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return "";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  if (lsof) posix_spawn_file_actions_adddup2(&actions, out[1], 2);
  std::string copy = exe, flag = lsof ? "-v" : "--version";
  char* args[] = {copy.data(), flag.data(), nullptr};
  pid_t pid;
  int rc = posix_spawn(&pid, exe.c_str(), &actions, nullptr, args, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  std::string text;
  char chunk[1024];
  ssize_t n;
  while (rc == 0 && (n = read(out[0], chunk, sizeof chunk)) > 0)
    text.append(chunk, n);
  close(out[0]);
  if (rc == 0) waitpid(pid, nullptr, 0);
  if (lsof) {
    const std::size_t at = text.find("revision:");
    if (at == std::string::npos) return text.substr(0, text.find('\n'));
    text = text.substr(at);
  }
  return text.substr(0, text.find('\n'));
}

// Runs `exe ARGS` with `extra_env` added; "" when it exits 0, else its first stderr line.
std::string probe_failure(const std::string& exe, const std::string& args,
                          const std::vector<std::string>& extra_env) {
  int err[2];
  if (pipe2(err, O_CLOEXEC) != 0) return "pipe failed";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  std::vector<std::string> words{exe};
  std::istringstream split(args);
  for (std::string word; split >> word;)
    words.push_back(word);
  std::vector<char*> argv;
  for (auto& word : words)
    argv.push_back(word.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_text;
  for (char** var = environ; *var != nullptr; ++var)
    env_text.emplace_back(*var);
  env_text.insert(env_text.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> envp;
  for (auto& var : env_text)
    envp.push_back(var.data());
  envp.push_back(nullptr);
  pid_t pid;
  int rc = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(err[1]);
  std::string text;
  char chunk[1024];
  ssize_t n;
  while (rc == 0 && (n = read(err[0], chunk, sizeof chunk)) > 0)
    text.append(chunk, n);
  close(err[0]);
  if (rc != 0) return exe + ": cannot run: " + std::strerror(rc);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "";
  text = text.substr(0, text.find('\n'));
  return exe + " " + args + " failed" + (text.empty() ? "" : ": " + text);
}

class FunctionTest : public Catch::ITestInvoker {
 public:
  explicit FunctionTest(std::function<void()> body) : body_(std::move(body)) {}
  void invoke() const override { body_(); }

 private:
  std::function<void()> body_;
};

void register_test(const std::string& name, const std::string& tags, const char* file, int line,
                   std::function<void()> body) {
  Catch::AutoReg(new FunctionTest(std::move(body)),
                 Catch::SourceLineInfo(file, static_cast<std::size_t>(line)), Catch::StringRef(),
                 Catch::NameAndTags{name, tags});
}

std::vector<std::string> base_environment() {
  std::vector<std::string> env;
  for (char** var = environ; *var != nullptr; ++var) {
    if (std::strncmp(*var, "TDPS=", 5) != 0) env.emplace_back(*var);
  }
  return env;
}

void print_world(const WorldClient& world, pid_t tool_pid) {
  std::cout << "world: " << world.processes().size()
            << " fixture processes in a fresh pid namespace; fixture tty "
            << world.tty_of("fixtures").value_or("?") << ", tool tty "
            << world.tty_of("tool").value_or("?") << ", tool pid " << tool_pid << "\n  ";
  for (const auto& process : world.processes()) {
    std::cout << process.name << "=" << process.pid << process.state << " ";
  }
  const auto& ticks = world.start_ticks();
  if (!ticks.empty()) {
    auto [low, high] = std::minmax_element(ticks.begin(), ticks.end());
    std::cout << "\n  tasks started within " << (*high - *low) * 1000 / sysconf(_SC_CLK_TCK)
              << " ms";
  }
  std::cout << "\n";
  for (const auto& note : world.notes())
    std::cout << "  note: " << note << "\n";
  std::cout << std::flush;
}

std::string read_file(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  *ok = in.good() || in.eof();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse_options(argc, argv, &options)) return 2;
  if (geteuid() != 0) {
    return skip("needs root for unshare --pid: running as uid " + std::to_string(geteuid()));
  }
  if (std::string why = WorldClient::probe_unshare(); !why.empty()) {
    return skip("needs root for unshare --pid: " + why);
  }
  if (!options.reference_version.empty()) {
    std::string version = version_of(options.reference, options.tool);
    if (version.find(options.reference_version) == std::string::npos) {
      return skip("reference " + options.reference + " is \"" + version + "\", not " +
                  options.reference_version);
    }
  }

  if (!options.candidate_probe.empty()) {
    std::string failure =
        probe_failure(options.candidate, options.candidate_probe, options.candidate_env);
    if (!failure.empty()) return skip(failure);
  }

  bool read_ok = false;
  std::string table_text = read_file(options.cases, &read_ok);
  if (!read_ok || table_text.empty()) {
    std::cerr << "td-diff: cannot read " << options.cases << "\n";
    return 1;
  }
  // Catch keeps a pointer to the file name of each test: it must outlive the session.
  static const std::string cases_file = options.cases;
  std::string short_name = cases_file.substr(cases_file.rfind('/') + 1);
  td::diff::CaseTable table = td::diff::parse_case_table(table_text, short_name, options.tool);

  td::diff::ToolLinks links;
  std::string error;
  if (!links.make(options.tool, options.reference, options.candidate, &error)) {
    std::cerr << "td-diff: " << error << "\n";
    return 1;
  }
  // lsof's world has a network namespace of its own and lsof's fixture rows.
  auto world = WorldClient::start(options.world, &error, options.tool == "lsof");
  if (!world) {
    std::cerr << "td-diff: cannot build the fixture world: " << error << "\n";
    return 1;
  }
  td::diff::QuietWindow quiet(world->start_ticks(), world->cpu_use(), sysconf(_SC_CLK_TCK));
  CaseContext context{*world,
                      links.reference(),
                      links.candidate(),
                      base_environment(),
                      options.reference_env,
                      options.candidate_env,
                      quiet};
  context.data_dir = options.data;
  if (options.tool == "top") {
    // top's frames: a self row per frame, and summary numbers that move (top_masks.h).
    context.drop_self = [](std::string* out, pid_t pid) {
      return td::diff::drop_top_self_rows(*out, pid);
    };
    context.mask = [tool = options.tool](std::string& out) {
      td::diff::mask_top_output(out, tool);
    };
  }
  print_world(*world, context.tool_pid);

  const char* file = cases_file.c_str();
  int failed_cases = 0, ran_cases = 0, world_failures = 0;
  const std::size_t sample =
      options.sample.empty() ? 1 : std::max(1, std::atoi(options.sample.c_str()));
  register_test("world: every fixture was made", "[world]", file, 0, [&] {
    for (const auto& note : world->notes()) {
      if (!note.starts_with("fixture ")) continue;
      ++world_failures;
      FAIL_CHECK(note);
    }
  });
  register_test("case table parses", "[world]", file, 0, [&] {
    for (const auto& complaint : table.errors) {
      ++world_failures;
      FAIL_CHECK(complaint);
    }
  });
  for (std::size_t index = 0; index < table.cases.size(); ++index) {
    if (index % sample != 0) continue;
    const Case& c = table.cases[index];
    std::string tags = "[" + options.tool + "]";
    if (c.output == td::diff::Output::tty || c.ctty) tags += "[tty]";
    register_test(short_name + ":" + std::to_string(c.line) + ": " + c.text, tags, file, c.line,
                  [&c, &context, &failed_cases, &ran_cases, &options] {
                    ++ran_cases;
                    auto outcome = td::diff::run_case(c, context);
                    if (options.show_output) std::cout << outcome.reference_output;
                    if (c.known_gap && !options.ignore_gaps) {
                      if (!outcome.passed) return;
                      ++failed_cases;
                      FAIL("@gap case matches the reference now: take the marker off");
                    }
                    if (outcome.passed) return;
                    ++failed_cases;
                    FAIL(outcome.report);
                  });
  }
  register_test("world: fixtures still settled after the cases", "[world]", file, INT_MAX, [&] {
    std::string problems = world->check();
    if (problems.empty()) return;
    ++world_failures;
    FAIL(problems);
  });

  Catch::Session session;
  int rc = session.applyCommandLine(static_cast<int>(options.catch_args.size()),
                                    options.catch_args.data());
  if (rc != 0) return rc;
  rc = session.run();
  if (!options.expect_failures) return rc;
  // Every case run must fail: a wrong candidate that passes one shows a check that cannot
  // fail there.
  bool as_expected = world_failures == 0 && ran_cases > 0 && failed_cases == ran_cases;
  std::cout << "--expect-failures: " << failed_cases << " of " << ran_cases << " cases failed, "
            << world_failures
            << " world problems: " << (as_expected ? "as expected" : "NOT as expected")
            << std::endl;
  return as_expected ? 0 : 1;
}
