// The task area's columns (top.c zap_fieldstab, calibrate_fields, build_headers): each
// field's width on this machine, which of a window's fields fit the screen, how wide the
// variable columns grow, and the header line.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "config.h"
#include "fields.h"

namespace td::top {

// What the widths depend on.
struct WidthFacts {
  int pid_digits = 5;    // length of /proc/sys/kernel/pid_max
  int cpus = 1;          // CPUs at startup
  int numa_nodes = 0;    // NUMA nodes at startup
  int fixed_widest = 0;  // rcfile Fixed_widest: extra width, or -1 for automatic
  // With Fixed_widest -1, what the automatically widened columns grew so far.
  std::array<int, kFieldCount> grown{};
};

// Every field's width (a variable column's is kVariableWidth); top's complaint when the
// pid or CPU numbers are too long.
struct FieldWidths {
  std::array<int, kFieldCount> width{};
  std::string error;
};
FieldWidths field_widths(const WidthFacts& facts);

// The columns a window shows on a screen of `columns`.
struct ColumnLayout {
  std::vector<FieldId> fields;
  std::vector<int> widths;  // each shown column's width, the variable ones' share resolved
  std::vector<bool> right;  // right-justified
  std::string header;       // as built, trailing blanks included
};
// `first` is the window's horizontal scroll (top's begpflg): an index into scroll_flags().
ColumnLayout lay_out_columns(const WindowConfig& window, const FieldWidths& widths, int columns,
                             bool alternate_display, int window_number, int first = 0);

// top's pflgsall: the shown fields in order, and with the sort column highlighted ('x')
// two markers around the sort field, which take no room but count as scroll positions.
inline constexpr int kHighlightOn = -1, kHighlightOff = -2;  // EU_XON, EU_XOF
std::vector<int> scroll_flags(const WindowConfig& window);

// What the horizontal scroll keys and the coordinates message (C) consult, as top's
// calibrate_fields leaves it for a window scrolled to `first`.
struct ScrollFacts {
  std::vector<int> flags;      // scroll_flags(): pflgsall
  int shown = 0;               // maxpflgs: positions from `first` that fit, markers included
  bool variable_only = false;  // VARright: the one column shown is a variable one
  int last_start = 0;          // endpflg: the first position from which all the rest fit
  int sort_position = -1;      // the sort field's position in flags (-1: not shown)
};
ScrollFacts scroll_facts(const WindowConfig& window, const FieldWidths& widths, int columns,
                         bool alternate_display, int first);

// The shown fields of a window in their order (all of them hidden shows PID).
std::vector<FieldId> visible_fields(const WindowConfig& window);

// Whether the window's flags right-justify a field.
bool right_justified(const WindowConfig& window, FieldId field);

}  // namespace td::top
