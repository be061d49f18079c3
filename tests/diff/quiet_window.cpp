#include "quiet_window.h"

#include <time.h>

#include <algorithm>
#include <thread>

namespace td::diff {
namespace {

// /proc/uptime, which ps reads, has 10 ms steps; stay a little further away than that.
constexpr long kMarginMs = 25;

}  // namespace

QuietWindow::QuietWindow(const std::vector<unsigned long long>& start_ticks,
                         long ticks_per_second) {
  for (unsigned long long tick : start_ticks) {
    unsigned long long ms = tick * 1000 / static_cast<unsigned long long>(ticks_per_second);
    phases_ms_.push_back(static_cast<long>(ms % 1000));
  }
  std::sort(phases_ms_.begin(), phases_ms_.end());
  phases_ms_.erase(std::unique(phases_ms_.begin(), phases_ms_.end()), phases_ms_.end());
}

std::optional<long> QuietWindow::delay_ms(long now_ms, long length_ms) const {
  // A stretch [t, t + length] is quiet when no phase p (with its margin) falls inside it,
  // counting p + 1000 for stretches that cross into the next second.
  auto quiet = [&](long t) {
    for (long p : phases_ms_) {
      for (long phase : {p, p + 1000, p + 2000}) {
        if (phase + kMarginMs >= t && phase - kMarginMs <= t + length_ms) return false;
      }
    }
    return true;
  };
  if (quiet(now_ms)) return 0;
  // Otherwise the earliest quiet start is just after some phase.
  std::optional<long> best;
  for (long p : phases_ms_) {
    for (long phase : {p, p + 1000}) {
      long t = phase + kMarginMs + 1;
      if (t > now_ms && t < now_ms + 1000 && quiet(t) && (!best || t - now_ms < *best)) {
        best = t - now_ms;
      }
    }
  }
  return best;
}

long long QuietWindow::now_ms_absolute() {
  timespec now{};
  clock_gettime(CLOCK_BOOTTIME, &now);
  return static_cast<long long>(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

bool QuietWindow::quiet_between(long long from_ms, long long to_ms) const {
  long long second = (from_ms - kMarginMs) / 1000 * 1000;
  for (long long base = second; base <= to_ms + kMarginMs; base += 1000) {
    for (long p : phases_ms_) {
      long long phase = base + p;
      if (phase >= from_ms - kMarginMs && phase <= to_ms + kMarginMs) return false;
    }
  }
  return true;
}

void QuietWindow::wait(std::chrono::milliseconds length) const {
  long now_ms = static_cast<long>(now_ms_absolute() % 1000);
  if (auto delay = delay_ms(now_ms, static_cast<long>(length.count()))) {
    std::this_thread::sleep_for(std::chrono::milliseconds(*delay));
  }
}

}  // namespace td::diff
