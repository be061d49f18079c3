#include "quiet_window.h"

#include <time.h>

#include <algorithm>
#include <thread>

namespace td::diff {
namespace {

// /proc/uptime, which ps reads, has 10 ms steps; stay a little further away than that.
constexpr long kMarginMs = 25;
// CPU shares of younger tasks change too often to leave any stretch: not worth listing.
constexpr long long kYoungestShareMs = 50;
// How far ahead a stretch is looked for. Young fixtures' CPU shares step every few tens of
// milliseconds at first and ever more rarely as they age (a task with c ms of CPU steps
// every e^2 / c seconds at e seconds old): a wait of a second or two often finds room.
constexpr long long kHorizonMs = 3000;

}  // namespace

QuietWindow::QuietWindow(const std::vector<unsigned long long>& start_ticks,
                         const std::vector<CpuShare>& cpu_use, long ticks_per_second) {
  const auto hz = static_cast<unsigned long long>(ticks_per_second);
  for (unsigned long long tick : start_ticks) {
    unsigned long long ms = tick * 1000 / hz;
    phases_ms_.push_back(static_cast<long>(ms % 1000));
  }
  std::sort(phases_ms_.begin(), phases_ms_.end());
  phases_ms_.erase(std::unique(phases_ms_.begin(), phases_ms_.end()), phases_ms_.end());
  // ps: per mille = (ticks * 1000 / Hz) / elapsed seconds, truncated. With c = ticks *
  // 1000 / Hz, it steps down to k - 1 when elapsed passes c / k seconds.
  for (const CpuShare& use : cpu_use) {
    const auto start_ms = static_cast<long long>(use.start_ticks * 1000 / hz);
    for (unsigned long long ticks : {use.cpu_ticks, use.cumulative_ticks}) {
      const auto cpu_ms = static_cast<long long>(ticks * 1000 / hz);
      for (long long k = 1; cpu_ms > 0 && cpu_ms * 1000 / k >= kYoungestShareMs; ++k)
        share_steps_.push_back(start_ms + cpu_ms * 1000 / k);
    }
  }
  std::sort(share_steps_.begin(), share_steps_.end());
  share_steps_.erase(std::unique(share_steps_.begin(), share_steps_.end()), share_steps_.end());
}

std::optional<long> QuietWindow::find(long long now_ms, long length_ms, long long horizon_ms,
                                      bool with_steps) const {
  // Candidate starts: now, and just after each phase or step within the horizon.
  std::vector<long long> starts = {now_ms};
  const long long second = now_ms / 1000 * 1000;
  for (long p : phases_ms_) {
    for (long long base = second; base <= now_ms + horizon_ms; base += 1000)
      starts.push_back(base + p + kMarginMs + 1);
  }
  if (with_steps) {
    for (auto it = std::lower_bound(share_steps_.begin(), share_steps_.end(), now_ms - kMarginMs);
         it != share_steps_.end() && *it < now_ms + horizon_ms; ++it)
      starts.push_back(*it + kMarginMs + 1);
  }
  std::optional<long> best;
  for (long long t : starts) {
    if (t < now_ms || t >= now_ms + horizon_ms) continue;
    if (!clear_of(t, t + length_ms, with_steps)) continue;
    if (!best || t - now_ms < *best) best = static_cast<long>(t - now_ms);
  }
  return best;
}

std::optional<long> QuietWindow::delay_ms(long long now_ms, long length_ms) const {
  if (auto both = find(now_ms, length_ms, kHorizonMs, true)) return both;
  // Young fixtures' CPU shares may leave no room at all: then at least no elapsed second
  // changes, which is all that most cases show.
  return find(now_ms, length_ms, 1000, false);
}

long long QuietWindow::now_ms_absolute() {
  timespec now{};
  clock_gettime(CLOCK_BOOTTIME, &now);
  return static_cast<long long>(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

bool QuietWindow::quiet_between(long long from_ms, long long to_ms) const {
  return clear_of(from_ms, to_ms, true);
}

bool QuietWindow::seconds_quiet_between(long long from_ms, long long to_ms) const {
  return clear_of(from_ms, to_ms, false);
}

bool QuietWindow::clear_of(long long from_ms, long long to_ms, bool with_steps) const {
  long long second = (from_ms - kMarginMs) / 1000 * 1000;
  for (long long base = second; base <= to_ms + kMarginMs; base += 1000) {
    for (long p : phases_ms_) {
      long long phase = base + p;
      if (phase >= from_ms - kMarginMs && phase <= to_ms + kMarginMs) return false;
    }
  }
  if (!with_steps) return true;
  auto step = std::lower_bound(share_steps_.begin(), share_steps_.end(), from_ms - kMarginMs);
  return step == share_steps_.end() || *step > to_ms + kMarginMs;
}

void QuietWindow::wait(std::chrono::milliseconds length) const {
  if (auto delay = delay_ms(now_ms_absolute(), static_cast<long>(length.count()))) {
    std::this_thread::sleep_for(std::chrono::milliseconds(*delay));
  }
}

}  // namespace td::diff
