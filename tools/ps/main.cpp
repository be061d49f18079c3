// tdps: procps-ng 4.0.2 ps, on libprocscan.
#include <unistd.h>

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "command_line.h"
#include "help.h"
#include "layout.h"
#include "output_buffer.h"
#include "procscan/scanner.h"
#include "procscan/system_info.h"
#include "report.h"
#include "self_info.h"
#include "signals.h"
#include "terminal.h"

namespace {

using td::ps::Action;

// tdps consults four locale categories: LC_CTYPE (printable text, widths, the codeset),
// LC_COLLATE (strcoll in sorting), LC_TIME (strftime) and LC_MESSAGES (strerror).
constexpr int kUsedCategories[] = {LC_CTYPE, LC_COLLATE, LC_TIME, LC_MESSAGES};
// Variables that name one category only; when any is set, the categories may differ.
constexpr const char* kCategoryVariables[] = {
    "LC_CTYPE", "LC_NUMERIC", "LC_TIME",    "LC_COLLATE",   "LC_MONETARY",    "LC_MESSAGES",
    "LC_PAPER", "LC_NAME",    "LC_ADDRESS", "LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION"};

// ps calls setlocale(LC_ALL, ""), which loads twelve categories: without a locale archive
// (C.UTF-8 on Debian) five syscalls each. When one name (LC_ALL or LANG) governs every
// category, loading only the used ones gives the same text; as setlocale(LC_ALL, ""),
// one that fails to load leaves them all "C". Otherwise the categories are loaded as ps
// loads them.
void set_locale_as_ps() {
  for (const char* variable : kCategoryVariables) {
    const char* value = std::getenv(variable);
    if (value && *value) {
      std::setlocale(LC_ALL, "");
      return;
    }
  }
  for (const int category : kUsedCategories) {
    if (!std::setlocale(category, "")) {
      std::setlocale(LC_ALL, "C");
      return;
    }
  }
}

void print_error(const std::string& text) {
  std::fputs(text.c_str(), stderr);
}

// procps global.c set_screen_size: the window size if any (else 80x24); unlimited width
// when stdout is not a terminal; COLUMNS and LINES override both.
td::common::WindowSize screen_size() {
  td::common::WindowSize size =
      td::common::find_window_size().value_or(td::common::WindowSize{80, 24});
  if (!td::common::is_terminal(STDOUT_FILENO)) size.cols = td::ps::kOutbufSize;
  if (auto cols = td::common::environment_number("COLUMNS", td::ps::kOutbufSize))
    size.cols = static_cast<int>(*cols);
  if (auto rows = td::common::environment_number("LINES", td::ps::kOutbufSize))
    size.rows = static_cast<int>(*rows);
  return size;
}

// procps warns each time it sizes the screen: at start, and again when it reparses.
std::string screen_warning(const td::common::WindowSize& size) {
  if (size.cols >= 9 && size.rows >= 2) return {};
  return "your " + std::to_string(size.cols) + "x" + std::to_string(size.rows) +
         " screen size is bogus. expect trouble\n";
}

// What it takes to print any text and report: everything but the arguments.
td::ps::InvocationEnvironment invocation_environment(procscan::SystemInfo& system) {
  td::ps::InvocationEnvironment env;
  // The PID columns are as wide as pid_max is long (procps_pid_length).
  env.pid_width = static_cast<int>(std::to_string(system.pid_max()).size());
  if (const char* format = std::getenv("PS_FORMAT")) env.ps_format = format;
  env.self.euid = ::geteuid();
  env.self.tty = system.own_tty();
  const td::common::WindowSize size = screen_size();
  env.screen_cols = size.cols;
  env.screen_rows = size.rows;
  env.personality = td::ps::personality_from_environment();
  return env;
}

int run(int argc, char** argv) {
  std::string_view program = argc > 0 ? argv[0] : "tdps";
  if (const std::size_t slash = program.rfind('/'); slash != std::string_view::npos)
    program.remove_prefix(slash + 1);
  const std::vector<std::string_view> args(argv + (argc > 0 ? 1 : 0), argv + argc);

  procscan::SystemInfo system;
  const td::ps::InvocationEnvironment env = invocation_environment(system);
  const std::string warning = screen_warning({env.screen_cols, env.screen_rows});
  print_error(warning);
  td::ps::Invocation invocation;
  const std::string err = td::ps::parse_command_line(args, env, invocation);
  if (!err.empty() || invocation.reparsed) print_error(warning);
  if (!err.empty()) {
    print_error("error: " + err + "\n" + td::ps::help_text(program, ""));
    return EXIT_FAILURE;
  }

  td::common::OutputBuffer out;
  // Flushed here, not by the destructor, which would swallow a write error.
  auto print = [&out](const std::string& text) {
    out.append(text);
    out.flush();
    return EXIT_SUCCESS;
  };
  switch (invocation.options.action) {
    case Action::Version:
      return print(td::ps::version_text(program));
    case Action::Help:
      return print(td::ps::help_text(program, invocation.options.help_topic));
    case Action::ListFormats:
      return print(td::ps::format_specifier_list());
    case Action::Info: {
      td::ps::InfoFacts facts{env.personality,
                              td::ps::version_text(program),
                              env.screen_cols,
                              env.screen_rows,
                              static_cast<uid_t>(env.self.euid),
                              static_cast<dev_t>(env.self.tty),
                              procscan::SystemInfo::page_size()};
      facts.version_line.pop_back();
      print_error(td::ps::info_text(facts));
      return EXIT_SUCCESS;
    }
    case Action::Report:
      break;
  }
  if (std::string conflict = td::ps::quick_pid_conflicts(invocation); !conflict.empty()) {
    print_error(conflict + "\n");
    return EXIT_FAILURE;
  }
  for (const std::string& warning : invocation.format.warnings)
    print_error(warning + "\n");

  procscan::ScannerOptions scanner_options;
  if (invocation.options.backend) scanner_options.backend = *invocation.options.backend;
  procscan::Scanner scanner(scanner_options);
  return td::ps::run_report(invocation, scanner, system, out);
}

}  // namespace

int main(int argc, char** argv) {
  set_locale_as_ps();
  // As procps: local time from /etc/localtime unless TZ says otherwise.
  ::setenv("TZ", ":/etc/localtime", 0);
  td::ps::install_signal_handlers();
  // Errors that end the run start with the name we were invoked by, as glibc's error()
  // prints them for ps ("ps: write error: No space left on device").
  const std::string invoked_as = argc > 0 ? argv[0] : "tdps";
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    print_error(invoked_as + ": " + e.what() + "\n");
  }
  return EXIT_FAILURE;
}
