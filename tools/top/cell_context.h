// What a field's printer, sort key and JSON writer may consult besides the task itself.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "procscan/names.h"
#include "procscan/task_table.h"
#include "text.h"

namespace td::top {

// Frame-wide numbers, the same for every row of a frame.
struct FrameFacts {
  long hertz = 100;
  int page_shift = 2;               // statm pages to KiB: log2(page size / 1024)
  std::uint64_t mem_total_kib = 0;  // MemTotal, for %MEM
  // 100 / (Hertz * elapsed seconds [* CPUs unless Irix mode]): ticks to %CPU (Frame_etscale).
  float cpu_scale = 0;
  float cpu_max = 99.9f;  // the highest %CPU shown (Cpu_pmax)
  // Uptime in clock ticks at this refresh (libproc2 boot_tics), for ELAPSED and %CUU.
  std::uint64_t boot_ticks = 0;
  std::vector<int> numa_nodes;  // NUMA node of each CPU; empty without libnuma
  int task_scale = 0;           // -e / rcfile Task_mscale: the memory columns' least unit
  bool zero_suppress = false;   // rcfile Zero_suppress
  int tics_scaled = 0;          // rcfile Tics_scaled (^E)
  common::TextMode text;
};

// The window modes that change what a field shows.
struct FieldModes {
  bool command_line = false;  // 'c': COMMAND is the command line, not the name
  bool cumulative = false;    // 'S': times include waited-for children's
  bool forest = false;        // 'V': COMMAND carries the tree art
};

// Name caches, filled as rows ask.
struct NameCaches {
  procscan::UserNames users;
  procscan::GroupNames groups;
  procscan::TtyNames ttys;
};

// One task of a frame: its row, and what the refresh engine's previous values give.
struct TaskView {
  procscan::TaskRef task;
  std::uint32_t cpu_ticks = 0;    // utime + stime since the previous refresh (TICS_ALL_DELTA)
  std::int32_t major_faults = 0;  // since the previous refresh (FLT_MAJ_DELTA)
  std::int32_t minor_faults = 0;  // (FLT_MIN_DELTA)
  int level = 0;                  // forest depth
};

struct CellContext {
  const FrameFacts* frame = nullptr;
  FieldModes modes;
  NameCaches* names = nullptr;
  int width = 0;        // the column's width (for variable ones, the room they share)
  bool right = true;    // right-justified: the window's J or j flag for the column
  int text_offset = 0;  // varcolbeg: a variable column's text is shown from this column on
  // Set by printers of the automatically widened columns when they cut a value.
  bool* truncated = nullptr;
};

}  // namespace td::top
