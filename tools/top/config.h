// top's persistent settings (top.h RCF_t and RCW_t): the defaults of a classic procps-ng
// 4.0.2 build (ORIG_TOPDEFS, as Debian builds it), what an rcfile changes, and what the
// command line changes after it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "fields.h"

namespace td::top {

// top.h window flags, as rcfiles store them in winflags.
enum WindowFlag : int {
  kViewCpuSum = 0x008000,       // '1' off: one %Cpu(s) line (on) or one per CPU
  kViewCpuNodes = 0x400000,     // '2': NUMA nodes
  kViewLoadAverage = 0x004000,  // 'l'
  kViewStates = 0x002000,       // 't'
  kViewMemory = 0x001000,       // 'm'
  kViewNoBold = 0x000008,       // 'B'
  kViewScroll = 0x080000,       // 'C'
  kShowColors = 0x000800,       // 'z'
  kShowHighBold = 0x000400,     // 'b'
  kShowHighColumn = 0x000200,   // 'x'
  kShowHighRows = 0x000100,     // 'y'
  kShowCommandLine = 0x000080,  // 'c'
  kShowCumulative = 0x000040,   // 'S'
  kShowIdle = 0x000020,         // 'i'
  kShowTasks = 0x000010,        // '-': the window shows tasks in alternate display mode
  kShowForest = 0x000002,       // 'V'
  kSortHighFirst = 0x000004,    // 'R' off: ascending
  kJustifyText = 0x040000,      // 'j': text columns right-justified
  kJustifyNumbers = 0x020000,   // 'J': number columns right-justified
};

inline constexpr int kWindows = 4;
inline constexpr int kFieldSlots = 128;  // top.h PFLAGSSIZ

// One entry of fieldscur: ((field + '%') << 1) | visible.
inline constexpr int field_entry(FieldId id, bool visible) {
  return ((static_cast<int>(id) + '%') << 1) | (visible ? 1 : 0);
}
inline constexpr int entry_field(int entry) {
  return (entry >> 1) - '%';
}
inline constexpr bool entry_visible(int entry) {
  return (entry & 1) != 0;
}

// An "other filter" (the o/O command), kept per window and saved by W.
struct OtherFilter {
  bool ignore_case = false;  // 'o' (strcasestr/strcasecmp) rather than 'O'
  bool include = true;       // no leading '!'
  char relation = '=';       // '=' substring, '<' or '>' string comparison
  FieldId field = FieldId::Pid;
  std::string value;  // for '<' and '>', already justified as the field is
  std::string raw;    // as typed, for duplicates
};

struct WindowConfig {
  int sort_field = static_cast<int>(FieldId::Cpu);  // sortindx
  int flags = 0;                                    // winflags
  int max_tasks = 0;
  int graph_cpus = 0;
  int graph_memory = 0;
  int double_up = 0;
  int combine_cpus = 0;
  int core_types = 0;
  int summary_color = 0, message_color = 0, header_color = 0, task_color = 0;
  std::string name;
  std::array<int, kFieldSlots> fields{};  // fieldscur; 0 ends the list
  std::vector<OtherFilter> filters;
};

struct TopConfig {
  char id = 'k';
  int alternate_display = 0;  // Mode_altscr
  int irix_mode = 1;          // Mode_irixps
  float delay = 3.0f;
  int current_window = 0;
  std::array<WindowConfig, kWindows> windows;
  int fixed_widest = 0;
  int summary_scale = 1;  // MiB
  int task_scale = 0;     // KiB
  int zero_suppress = 0;
  int tics_scaled = 0;
};

// The classic defaults (top.h DEF_RCFILE with ORIG_TOPDEFS).
TopConfig default_config();

}  // namespace td::top
