// Hand-written parsers for the text files under /proc/PID. Each takes the whole file as
// read and sets the fields the table's layout wants on its open row (TaskTable::begin_row
// was called). They never read outside `text`, never allocate per call, and accept any
// bytes: a missing or malformed field is left unset, so the row shows it as unavailable.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "procscan/task_table.h"

namespace procscan::procfs {

// /proc/PID/stat. The comm is everything between the first '(' and the LAST ')': a name may
// hold spaces, parentheses and newlines. Returns false when there is no such pair or the
// fields after it are missing (the row then holds only what was parsed).
bool parse_stat(std::string_view text, TaskTable& out);

// /proc/PID/status: Uid/Gid quadruples, Groups, Vm* sizes, signal and capability masks,
// context switches, TracerPid, Umask. Unknown keys are skipped.
bool parse_status(std::string_view text, TaskTable& out);

// The Tgid line of /proc/PID/status (used to tell thread group leaders from other tids).
std::optional<std::uint64_t> parse_status_tgid(std::string_view text);

// /proc/PID/statm: size resident shared text lib data dt, in pages.
bool parse_statm(std::string_view text, TaskTable& out);

// /proc/PID/io: "key: value" lines.
bool parse_io(std::string_view text, TaskTable& out);

// A namespace link target such as "net:[4026531840]" -> 4026531840.
std::optional<std::uint64_t> parse_ns_link(std::string_view target);

}  // namespace procscan::procfs
