// Lists the numeric entries of a /proc directory with getdents64 and one large buffer.
#pragma once

#include <sys/types.h>

#include <vector>

namespace procscan::procfs {

// How a lister knows it has every entry.
enum class ListEnd {
  ZeroRead,  // only a getdents64 that returns nothing ends the listing
  RoomLeft,  // a getdents64 that left room for one more entry of any length ends it: procfs
             // fills the buffer while it has entries, which saves the call that returns 0
};

// Appends the pids (or tids) named by the numeric entries of the directory open as `dirfd`,
// from its current offset (the start for a fresh descriptor), in the order the kernel lists
// them (ascending for /proc and task/). Returns false when the directory could not be read
// at all (errno set).
bool list_numeric_entries(int dirfd, std::vector<pid_t>& out, ListEnd end = ListEnd::ZeroRead);

// A proc root listed in two ranges at once, each on a descriptor of its own: procfs lists
// its processes in pid order, and a process's directory position is its pid plus
// kProcPidPosition (fs/proc/base.c TGID_OFFSET), which a seek can start from.
inline constexpr long long kProcPidPosition = 258;

// What one range of a proc root listing found.
struct PidRange {
  bool read = false;  // getdents64 worked
  // Whether consecutive entries showed the positions a seek relies on: each entry's d_off
  // is the next entry's pid plus kProcPidPosition (seen), or showed otherwise, or a seek
  // landed below its pid (wrong).
  bool positions_seen = false;
  bool positions_wrong = false;
};

// Appends the pids in [from, end) of the proc root open as `rootfd`, seeking to `from`'s
// position first (from 0: the start), and stops at the first pid at or past `end`.
PidRange list_proc_pids(int rootfd, pid_t from, pid_t end, std::vector<pid_t>& out);

}  // namespace procscan::procfs
