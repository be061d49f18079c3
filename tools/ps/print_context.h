// What a column printer may consult besides the task itself.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "procscan/names.h"
#include "procscan/task_table.h"
#include "text.h"
#include "value_format.h"

namespace td::ps {

// Option-driven behaviour of the printers (procps globals of the same meaning).
struct OutputModes {
  bool unix_f = false;                 // -f/-F: comm, ucmd, ucomm show the command line
  bool bsd_c = false;                  // c: args, cmd, command show the command name
  bool bsd_e = false;                  // e: the environment follows the command
  bool user_is_number = false;         // n: user names as numbers
  bool wchan_is_number = false;        // n: wchan right-aligned
  bool include_dead_children = false;  // S, --cumulative: add waited-for children
};

// System-wide numbers, read once before the scan (only those the columns need).
struct SystemFacts {
  long hertz = 100;
  long page_size = 4096;
  std::uint64_t boot_time = 0;      // btime, seconds since the epoch
  std::uint64_t boot_ticks = 0;     // uptime in clock ticks, truncated (libproc2 boot_tics)
  std::uint64_t mem_total_kib = 0;  // MemTotal
  std::time_t now = 0;              // time(2) when output started
  std::vector<int> numa_nodes;      // NUMA node of each CPU (libnuma's answer, or -1)
};

// Which SystemFacts a column needs, so that nothing else is read.
enum SystemNeed : std::uint8_t {
  kNeedNothing = 0,
  kNeedUptime = 1,
  kNeedBootTime = 2,
  kNeedMemTotal = 4,
  kNeedNumaNodes = 8,
  // Not a fact but a promise: the printer reads the line's place (lines_to_next_header),
  // so the lines must be made one after another on one thread.
  kNeedLinePlace = 16,
};

// The cleaned text of the last command line asked for: each thread of a process repeats
// its process's, and cleaning it again for every thread line cost -eLf a tenth of its time.
// It starts as what an empty command line gives (none).
struct LastCommandLine {
  common::TextMode mode;
  std::string raw;
  std::optional<std::string> text;  // procps_command_line() of raw in mode
};

// The user or group name shown last, after the display pass: the threads of a process,
// and most processes, repeat it.
struct ShownName {
  bool valid = false;
  std::uint64_t id = 0;
  common::TextMode mode;
  std::string text;
  int cells = 0;
};

// What printers remember between rows. Each thread that prints needs its own.
struct NameLookups {
  procscan::UserNames users;
  procscan::GroupNames groups;
  procscan::TtyNames ttys;
  LastCommandLine command_line;
  StartTimeTexts start_times;
  ShownName user;
  ShownName group;
};

struct PrintContext {
  // Cells the current column may fill: its width, or for the last column the rest of
  // the line (procps max_rightward).
  int max_cells = 0;
  bool wide_signals = false;  // the line has room for 16-digit signal masks
  OutputModes modes;
  SystemFacts system;
  common::TextMode text;
  NameLookups* names = nullptr;  // caches fill up as names are asked for
  // The tree letters of the current line (f, --forest, -H) and the tree style.
  std::string_view forest_prefix;
  char forest_type = 0;
  // Lines left before the next header, after this line's countdown (procps
  // lines_to_next_header; -1 and below when headers do not repeat). ps' test columns
  // (_left, _right, ...) pick their sample text by it.
  int lines_to_next_header = 0;
};

// Appends one column's text for a task and returns the screen cells it takes.
using Printer = int (*)(const PrintContext&, const procscan::TaskRef&, std::string&);

}  // namespace td::ps
