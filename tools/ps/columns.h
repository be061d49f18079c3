// The ps column table: one row per format specifier of procps-ng 4.0.2 (`ps L` plus the
// accepted placeholders), with its header, width, alignment, the libprocscan fields it
// reads and its printer. Help, `L`, the planner and the man page all come from here.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "print_context.h"
#include "procscan/field_set.h"

namespace td::ps {

// How a column is justified and cut (procps CF_* justification codes).
enum class Align : std::uint8_t {
  Left,       // padded on the right by the next column's gap
  Right,      // padded on the left
  Unlimited,  // left; cut to its width unless last, where it gets the rest of the line
  User,       // left as a name, right when `n` makes it numeric
  Wchan,      // left as a name, right when `n` makes it numeric; never overflows
  Signal,     // right in 9 cells, or 16 when the whole line fits the screen
};

// Which rows print the column when processes and their threads are both shown (m, -m).
enum class Rows : std::uint8_t { ProcessOnly, ThreadOnly, Every, AsNeeded };

// Columns whose text depends on an option, so that the planner asks for the right fields.
enum class CommandKind : std::uint8_t {
  None,
  Args,  // args, cmd, command: the command line, or the name under `c`
  Comm,  // comm, ucmd, ucomm: the name, or the command line under -f
};

// What a column is in --json output (man/tdps.1, JSON OUTPUT, documents each kind).
enum class JsonValue : std::uint8_t {
  Null,        // an accepted placeholder: always null
  Number,      // the printed number, in the column's unit; null where ps prints none ("-")
  Id,          // a uid or gid as the kernel keeps it: unsigned, though ps prints some signed
  Text,        // the printed text, uncut; null where ps prints "-"
  CpuSeconds,  // CPU time in seconds, with the tick fraction
  CpuSecondsWithChildren,  // as CpuSeconds, plus waited-for children's under S (bsdtime)
  ElapsedSeconds,          // whole seconds since the task started
  StartEpoch,              // the start time in whole seconds since the epoch
  CommandLine,             // the raw command line as ps joins it; the name under c
  CommandName,             // the raw kernel name; the command line under -f
  KernelName,              // the raw kernel name, whatever the options
  ExePath,                 // the raw exe link target; null when unreadable
  Cgroup,                  // the raw non-root cgroup lines joined by ','; null when none
  CgroupName,              // as Cgroup, from ":name=" on when present
};

// Width of the id columns: the length of pid_max, at least the header's (procps CF_PIDMAX).
inline constexpr int kPidWidth = -1;

struct ColumnSpec {
  std::string_view spec;
  std::string_view header;
  int width;
  Align align;
  Rows rows;
  procscan::FieldSet fields;
  std::uint8_t system_needs;  // SystemNeed bits
  CommandKind command;
  Printer print;  // nullptr for an accepted placeholder, which prints "-"
  JsonValue json;
};

// The row for a specifier name, or nullptr.
const ColumnSpec* find_column(std::string_view spec);

// All rows, sorted by name.
std::span<const ColumnSpec> all_columns();

// The fields a column needs under the given modes.
procscan::FieldSet fields_for(const ColumnSpec& column, const OutputModes& modes);

}  // namespace td::ps
