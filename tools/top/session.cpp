#include "session.h"

#include <signal.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cstdio>
#include <ctime>

#include "procscan/refresh.h"

namespace td::top {

namespace {

constexpr long kPrimingMicroseconds = 150000;  // LIB_USLEEP

volatile sig_atomic_t g_closing_newline = 1;

void end_on_signal(int) {
  if (g_closing_newline) {
    const ssize_t written = ::write(STDOUT_FILENO, "\n", 1);
    (void)written;
  }
  ::_exit(0);
}

// top's pselect() wait: whole seconds and the fraction in nanoseconds, from the float.
void wait_for(float seconds) {
  timespec ts{};
  ts.tv_sec = static_cast<time_t>(seconds);
  ts.tv_nsec =
      static_cast<long>((seconds - static_cast<float>(static_cast<int>(seconds))) * 1000000000);
  while (::nanosleep(&ts, &ts) != 0) {
  }
}

std::string refresh_summary(const procscan::Scanner& scanner, const procscan::Refresh& refresh) {
  const procscan::ScanStats& stats = refresh.stats();
  std::string text =
      fmt::format("tdtop: refresh={} backend={} ({}) rows={} vanished={} reads:", refresh.number(),
                  scanner.backend_name(), scanner.choice_reason(), stats.rows, stats.vanished);
  for (std::size_t g = 0; g < procscan::kGroupCount; ++g)
    text += fmt::format(" {}={}", procscan::group_name(static_cast<procscan::Group>(g)),
                        stats.reads[g]);
  std::size_t born = 0;
  for (std::size_t row = 0; row < refresh.tasks().size(); ++row)
    born += refresh.born(row) ? 1 : 0;
  const procscan::KeptFileStats& kept = refresh.kept_files();
  text += fmt::format(" born={} died={} kept_files={} kept_kib={} reread={} opened={} closed={}",
                      born, refresh.deaths().size(), kept.kept, kept.kernel_bytes / 1024,
                      kept.rereads, kept.opened, kept.closed);
  text += " system:";
  const auto& system_reads = refresh.system_reads();
  for (std::size_t g = 0; g < system_reads.size(); ++g)
    text +=
        fmt::format(" {}={}", procscan::system_group_name(static_cast<procscan::SystemGroup>(g)),
                    system_reads[g]);
  text.push_back('\n');
  return text;
}

}  // namespace

void install_batch_signal_handlers(bool closing_newline) {
  g_closing_newline = closing_newline ? 1 : 0;
  struct sigaction action {};
  sigemptyset(&action.sa_mask);
  action.sa_handler = SIG_IGN;
  ::sigaction(SIGHUP, &action, nullptr);
  action.sa_handler = end_on_signal;
  for (int signal : {SIGALRM, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2})
    ::sigaction(signal, &action, nullptr);
}

int run_batch(const TopConfig& config, const RunOptions& run, const RunFacts& facts,
              procscan::Scanner& scanner, common::OutputBuffer& out) {
  FrameMaker maker(config, run, facts);
  if (!maker.width_error().empty()) {
    std::fputs((facts.program + ": " + maker.width_error() + "\n").c_str(), stderr);
    return 1;
  }
  procscan::Refresher refresher(scanner, maker.query(), maker.figures());
  // frame_make's first refresh only primes the CPU ticks; the first frame comes after
  // top's short wait.
  const procscan::Refresh& priming = refresher.refresh();
  if (run.debug) std::fputs(refresh_summary(scanner, priming).c_str(), stderr);
  ::usleep(kPrimingMicroseconds);
  int iterations = run.iterations;
  for (int number = 1;; ++number) {
    const procscan::Refresh& refresh = refresher.refresh();
    if (run.json)
      maker.append_json(out.text(), refresh, number);
    else
      maker.append_text(out.text(), refresh, number);
    out.flush();
    if (run.debug) std::fputs(refresh_summary(scanner, refresh).c_str(), stderr);
    if (0 < iterations) --iterations;
    if (!iterations) break;
    // After widening columns (X -1), top makes the next frame at once.
    if (!maker.widths_grew()) wait_for(config.delay);
  }
  if (!run.json) out.push_back('\n');
  out.flush();
  return 0;
}

}  // namespace td::top
