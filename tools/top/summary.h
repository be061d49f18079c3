// The summary area of top's batch frames (top.c summary_show, do_cpus, sum_tics, sum_unify,
// sum_rx, do_memory): the load line, the task counts, the CPU lines (all CPUs, each CPU,
// NUMA nodes, bars or blocks) and the memory lines, in every scale.
#pragma once

#include <array>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "config.h"
#include "special_text.h"

namespace td::top {

// Tasks by state, as libproc2 tallies them (D counts as sleeping; I and others too).
struct TaskCounts {
  unsigned total = 0, running = 0, sleeping = 0, stopped = 0, zombie = 0;
  void add(char state);
};

// One /proc/stat line's ticks since the previous reading (libproc2 stat deltas).
struct CpuDelta {
  int id = -1;    // N of "cpuN"; -1 for all CPUs
  int node = -1;  // NUMA node of the CPU
  long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
  long long sum_user = 0, sum_system = 0, sum_total = 0;  // user+nice, system+irq+softirq, all
};

// The ticks of one line at one reading, in /proc/stat's order (user nice system idle
// iowait irq softirq steal guest guest_nice).
using CpuLine = std::array<std::uint64_t, 10>;

// libproc2's delta of a line: when any derived sum went backwards (a CPU came back
// online), the line counts as unchanged.
CpuDelta cpu_delta(const CpuLine& now, const CpuLine& before);

// The percentages a CPU line shows, as top computes them in float: us sy ni id wa hi si st.
std::array<float, 8> cpu_percentages(const CpuDelta& delta);

struct MemoryFigures {  // KiB, as /proc/meminfo gives them
  std::uint64_t total = 0, free = 0, available = 0, buffers = 0, cached = 0, reclaimable = 0,
                swap_total = 0, swap_free = 0;
};

struct SummaryInput {
  std::string name;  // the program's name (or the window's "1:Def" in 'A' mode)
  bool alternate_display = false;
  std::time_t now = 0;
  double uptime_seconds = 0;
  int users = 0;
  double load[3] = {0, 0, 0};
  TaskCounts counts;
  bool threads = false;
  CpuDelta all_cpus;
  std::vector<CpuDelta> cpus;
  int numa_nodes = 0;  // nodes known to libnuma (0 without it)
  MemoryFigures memory;
};

struct SummaryLayout {
  int columns = 80;
  int rows = 0x7fffffff;              // SCREEN_ROWS: all of them in batch mode unless -w and LINES
  int scale = 1;                      // Summ_mscale
  const SpecialCaps* caps = nullptr;  // the screen's attributes; none in batch mode
};

// Appends the summary lines of `window`'s settings; returns how many lines they took
// (top's Msg_row).
int append_summary(std::string& out, const SummaryInput& input, const WindowConfig& window,
                   const SummaryLayout& layout);

// libproc2 meminfo's derived figures: MemAvailable (MemFree where the kernel gives none or
// too much), used (total less available), buff/cache, and swap used.
struct MemoryUse {
  std::uint64_t available = 0, used = 0, cache = 0, swap_used = 0;
};
MemoryUse memory_use(const MemoryFigures& m);

// procps_uptime_sprint: " HH:MM:SS up ..., N user(s),  load average: a, b, c".
std::string uptime_text(const SummaryInput& input);

}  // namespace td::top
