// The ps column table: one row per format specifier of procps-ng 4.0.2 (`ps L` plus the
// accepted placeholders), with its header, width, alignment, the libprocscan fields it
// reads, its printer and its sort key. Help, `L`, the planner, sorting and the man page's
// list of specifiers (tdps-man-specifiers) all come from here.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>

#include "print_context.h"
#include "procscan/field_set.h"
#include "sort_keys.h"

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

// libproc2 items that ps 4.0.2 puts on its result stack only when a printer of the format
// list or of a sort key asks for them (display.c finalize_stacks, output.c setREL*). A sort
// key whose item is not on the stack leaves the order as it is: procps_pids_sort() finds no
// result of that item and returns without sorting.
enum class StackItem : std::uint8_t {
  Flags,       // PIDS_FLAGS, fgid's sort item; f, flag and flags print it
  TtyName,     // PIDS_TTY_NAME, tty4's sort item; tty4 prints TTY_NUMBER, tty and tty8 this
  VsizeBytes,  // PIDS_VSIZE_BYTES, vsize's sort item; vsize prints VM_SIZE, drs and size read this
  CodeStart,   // PIDS_ADDR_CODE_START, start_code's (a placeholder); drs, trs, dsiz, tsiz read it
  CodeEnd,     // PIDS_ADDR_CODE_END, end_code's (a placeholder); the same printers read it
  VmData,      // PIDS_VM_DATA, vm_data's (a placeholder); size reads it
  VmStack,     // PIDS_VM_STACK, vm_stack's (a placeholder); size reads it
};

// A set of StackItems: those a column's printer puts on ps' stack.
class StackItems {
 public:
  constexpr StackItems() = default;
  constexpr StackItems(std::initializer_list<StackItem> items) {
    for (StackItem item : items)
      add(item);
  }
  constexpr void add(StackItem item) { bits_ |= bit(item); }
  constexpr void add(StackItems other) { bits_ |= other.bits_; }
  constexpr bool has(StackItem item) const { return (bits_ & bit(item)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }

 private:
  static constexpr std::uint8_t bit(StackItem item) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(item));
  }
  std::uint8_t bits_ = 0;
};

// How ps sorts by a specifier: the key of its format_array sort item, or a mark that ps
// accepts the key and leaves the order as it is (a placeholder's PIDS_noop, or an item no
// printer ever puts on the stack: utime, cutime, resident, m_share, vm_exe, vm_lib).
struct SortRule {
  SortKeyFunction key = nullptr;  // nullptr exactly when `unapplied`
  procscan::FieldSet fields;      // what the key reads
  std::uint8_t system_needs = 0;  // SystemNeed bits
  // The key applies only when a shown column or a sort key puts this item on the stack.
  std::optional<StackItem> only_with;
  bool unapplied = false;
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
  SortRule sort;
  StackItems stacks = {};  // the conditional sort items its printer puts on the stack
};

// The row for a specifier name, or nullptr.
const ColumnSpec* find_column(std::string_view spec);

// All rows, sorted by name.
std::span<const ColumnSpec> all_columns();

// The sort rule of a specifier that ps applies given the stacked items (the rows' `stacks`
// of every shown column and sort key), or nullptr when ps leaves the order as it is.
const SortRule* applied_sort_rule(const ColumnSpec& column, StackItems stacked);

// The fields a column needs under the given modes.
procscan::FieldSet fields_for(const ColumnSpec& column, const OutputModes& modes);

}  // namespace td::ps
