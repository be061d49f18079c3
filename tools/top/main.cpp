// tdtop: procps-ng 4.0.2 top, in batch mode (-b) and interactive, on libprocscan.
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "command_line.h"
#include "config.h"
#include "frame.h"
#include "interactive.h"
#include "output_buffer.h"
#include "procscan/scanner.h"
#include "procscan/system_figures.h"
#include "procscan/system_info.h"
#include "rcfile.h"
#include "screen.h"
#include "session.h"
#include "terminal.h"
#include "text.h"
#include "tty_caps.h"

namespace {

using namespace td::top;

std::optional<uid_t> user_by_name(const std::string& name) {
  if (const passwd* pw = ::getpwnam(name.c_str())) return pw->pw_uid;
  return std::nullopt;
}

bool uid_exists(uid_t uid) {
  return ::getpwuid(uid) != nullptr;
}

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

// The CPUs /proc/stat lists now (top reads them once before its first frame).
int count_cpus() {
  procscan::SystemFigureReader reader;
  const procscan::SystemSnapshot snapshot = reader.read({procscan::SystemFigure::CpuUser});
  int cpus = 0;
  for (const procscan::CpuTicks& cpu : snapshot.cpus)
    if (cpu.cpu >= 0) ++cpus;
  return cpus > 0 ? cpus : 1;
}

int run(int argc, char** argv) {
  std::string program = argc > 0 ? argv[0] : "tdtop";
  if (const std::size_t slash = program.rfind('/'); slash != std::string::npos)
    program.erase(0, slash + 1);
  const std::vector<std::string> args(argv, argv + argc);

  // The rcfiles come before the command line: a broken one fails even `top -h`.
  TopConfig config = default_config();
  const RcReadResult rc = read_rc_files(process_rc_sources(program), config);
  if (!rc.error.empty()) {
    write_all(STDERR_FILENO, program + ": " + rc.error + "\n");
    return EXIT_FAILURE;
  }
  RunOptions options;
  options.secure = rc.secure;
  ParseContext context{program, ::getpid(), user_by_name, uid_exists};
  if (auto exit = parse_command_line(args, context, config, options)) {
    write_all(STDERR_FILENO, exit->err);
    write_all(STDOUT_FILENO, exit->out);
    return exit->status;
  }
  // whack_terminal: a terminal terminfo does not know ends top with status 1, its
  // complaint lost (top's stderr is /dev/null until then).
  std::optional<TtyCaps> caps;
  if (!options.batch && !(caps = load_tty_caps(STDOUT_FILENO))) return EXIT_FAILURE;

  procscan::SystemInfo system;
  RunFacts facts;
  facts.program = program;
  const ScreenSize screen = batch_screen(options.width, td::common::window_size_of(STDOUT_FILENO),
                                         std::getenv("COLUMNS"), std::getenv("LINES"));
  facts.columns = screen.columns;
  facts.rows = screen.rows;
  facts.hertz = procscan::SystemInfo::clock_ticks();
  facts.page_size = procscan::SystemInfo::page_size();
  facts.pid_digits = static_cast<int>(std::to_string(system.pid_max()).size());
  facts.cpus = count_cpus();
  facts.numa_nodes = system.numa_node_of_cpus();
  if (std::all_of(facts.numa_nodes.begin(), facts.numa_nodes.end(),
                  [](int node) { return node < 0; }))
    facts.numa_nodes.clear();
  facts.hide_kernel = std::getenv("LIBPROC_HIDE_KERNEL") != nullptr;
  facts.text = td::common::TextMode::from_locale();

  // wins_stage_2: one CPU line, or NUMA nodes, leave nothing to show side by side.
  for (WindowConfig& w : config.windows) {
    if (w.combine_cpus >= facts.cpus) w.combine_cpus = 0;
    if (w.flags & (kViewCpuSum | kViewCpuNodes)) w.double_up = 0;
  }

  procscan::ScannerOptions scanner_options;
  if (options.backend) scanner_options.backend = *options.backend;
  if (caps) {
    procscan::Scanner scanner(scanner_options);
    return run_interactive(config, options, facts, scanner, *caps, rc.path);
  }
  install_batch_signal_handlers(!options.json);
  procscan::Scanner scanner(scanner_options);
  td::common::OutputBuffer out;
  return run_batch(config, options, facts, scanner, out);
}

}  // namespace

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "");
  td::common::ignore_sigpipe();
  try {
    return run(argc, argv);
  } catch (const procscan::FatalScanError& e) {
    std::fputs((std::string("tdtop: ") + e.what() + "\n").c_str(), stderr);
  } catch (const std::exception& e) {
    std::fputs((std::string("tdtop: ") + e.what() + "\n").c_str(), stderr);
  }
  return EXIT_FAILURE;
}
