// Hand-written parsers for the text files under /proc/PID. Each takes the whole file as
// read and sets the fields the table's layout wants on its open row (TaskTable::begin_row
// was called). They never read outside `text`, never allocate per call, and accept any
// bytes: a missing or malformed field is left unset, so the row shows it as unavailable.
// Malformed means anything the kernel would not print: a sign on an unsigned value, a number
// past 64 bits, a stray byte ('\r', NUL) inside a value. Values are separated by blanks
// (space or tab). The bool results speak of the file's shape (are the lines or columns
// there), not of every value in it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "procscan/task_table.h"

namespace procscan::procfs {

// /proc/PID/stat. The comm is everything between the first '(' and the LAST ')': a name may
// hold spaces, parentheses and newlines. The fields after it end at the next newline; fields
// past 44 are ignored. Returns false when there is no such pair or the file stops before
// field 24 (rss), which every kernel since 2.6 prints; the row then holds what was parsed.
// ppid, pgid, sid and the other unsigned fields are left unset when negative; a negative
// tty_nr is an int-encoded dev_t and kept as its 32-bit pattern; rss is clamped to 0 when
// negative (or past INT64_MAX, a negative counter printed unsigned).
bool parse_stat(std::string_view text, TaskTable& out);

// /proc/PID/status: Uid/Gid quadruples, Groups, Vm* sizes, signal and capability masks,
// context switches, TracerPid, Umask. Keys match only at the start of a line; unknown keys
// are skipped and a repeated key keeps its first value. Groups is stored as the ids joined
// by single spaces ("" for none) and left unset when it is not a clean list of ids; a Vm*
// size without its "kB" is left unset. Kernel threads and zombies have no Vm* lines, so
// those fields stay unset. Returns false when the Uid or Gid line is missing.
bool parse_status(std::string_view text, TaskTable& out);

// The Tgid line of /proc/PID/status (used to tell thread group leaders from other tids);
// nullopt when it is missing or malformed.
std::optional<std::uint64_t> parse_status_tgid(std::string_view text);

// /proc/PID/statm: size resident shared text lib data dt, in pages, on the first line.
// Returns false when the line stops before data (the 6th number).
bool parse_statm(std::string_view text, TaskTable& out);

// /proc/PID/io: "key: value" lines. Returns false unless all seven keys are there.
bool parse_io(std::string_view text, TaskTable& out);

// A file holding one decimal number and a newline: oom_score, oom_score_adj, loginuid.
// Sets `field` (signed when `field` is I64) and returns true when the first line is exactly
// one number; anything else leaves it unset.
bool parse_single_number(std::string_view text, Field field, TaskTable& out);

// /proc/PID/autogroup: "/autogroup-ID nice N". Tasks of the root task group (pid 1, kernel
// threads) read as empty: both fields stay unset and the function returns false.
bool parse_autogroup(std::string_view text, TaskTable& out);

// /proc/PID/smaps_rollup: a "[rollup]" header, then "Key:  N kB" lines. Sets Pss,
// Private_Clean, Private_Dirty and SwapPss; a key seen twice keeps its first value and a
// value without "kB" is left unset. Returns false when Pss is missing (kernel threads read
// as empty or fail with ESRCH).
bool parse_smaps_rollup(std::string_view text, TaskTable& out);

// A namespace link target such as "net:[4026531840]" -> 4026531840; nullopt for anything
// not of the form "name:[decimal]".
std::optional<std::uint64_t> parse_ns_link(std::string_view target);

}  // namespace procscan::procfs
