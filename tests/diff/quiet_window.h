// Elapsed-time columns (ELAPSED, etime, etimes, and %CPU and C, which divide by it) of a
// task change when the boot-time clock passes its start time plus a whole second. With the
// world's start times known, the harness can find a stretch of time in which none of them
// changes, and rerun a case there: a difference that persists is then not the clock's.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

namespace td::diff {

class QuietWindow {
 public:
  // start_ticks: every task's start time in clock ticks after boot (/proc/PID/stat field 22).
  QuietWindow(const std::vector<unsigned long long>& start_ticks, long ticks_per_second);

  // How long to wait from `now_ms` (milliseconds into the current boot-time second) until a
  // stretch of `length_ms` in which no task's elapsed seconds change. nullopt if the
  // phases leave no such stretch.
  std::optional<long> delay_ms(long now_ms, long length_ms) const;

  // Sleeps until such a stretch begins (or not at all if there is none).
  void wait(std::chrono::milliseconds length) const;

  // Whether no task's elapsed seconds changed between two readings of now_ms_absolute().
  bool quiet_between(long long from_ms, long long to_ms) const;

  // CLOCK_BOOTTIME in milliseconds: the clock behind /proc/uptime and start times.
  static long long now_ms_absolute();

 private:
  std::vector<long> phases_ms_;  // sorted, each in [0, 1000)
};

}  // namespace td::diff
