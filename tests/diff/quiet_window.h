// Elapsed-time columns (ELAPSED, etime, etimes) of a task change when the boot-time clock
// passes its start time plus a whole second; CPU-share columns (%CPU, C, cp), which divide
// the task's CPU time by its elapsed time, change whenever that quotient crosses a whole
// per mille. With the world's start and CPU times known, the harness can find a stretch of
// time in which none of them changes, and rerun a case there: a difference that persists
// is then not the clock's.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "cpu_use.h"

namespace td::diff {

// A task that has used CPU, as the world announces it (cpu_use.h).
using CpuShare = td::fixtures::CpuUse;

class QuietWindow {
 public:
  // start_ticks: every task's start time in clock ticks after boot (/proc/PID/stat field 22).
  QuietWindow(const std::vector<unsigned long long>& start_ticks,
              const std::vector<CpuShare>& cpu_use, long ticks_per_second);

  // How long to wait from `now_ms` (CLOCK_BOOTTIME, as now_ms_absolute()) until a stretch
  // of `length_ms` in which no task's elapsed seconds or CPU share change, within the next
  // three seconds; failing that, one in which no elapsed second changes, within the next
  // second. nullopt if there is neither.
  std::optional<long> delay_ms(long long now_ms, long length_ms) const;

  // Sleeps until such a stretch begins (or not at all if there is none).
  void wait(std::chrono::milliseconds length) const;

  // Whether nothing changed between two readings of now_ms_absolute().
  bool quiet_between(long long from_ms, long long to_ms) const;
  // Whether no elapsed second changed between them (CPU shares may have stepped): what the
  // fallback of delay_ms() promises.
  bool seconds_quiet_between(long long from_ms, long long to_ms) const;

  // CLOCK_BOOTTIME in milliseconds: the clock behind /proc/uptime and start times.
  static long long now_ms_absolute();

 private:
  std::optional<long> find(long long now_ms, long length_ms, long long horizon_ms,
                           bool with_steps) const;
  bool clear_of(long long from_ms, long long to_ms, bool with_steps) const;

  std::vector<long> phases_ms_;         // sorted, each in [0, 1000)
  std::vector<long long> share_steps_;  // sorted instants at which a CPU share changes
};

}  // namespace td::diff
