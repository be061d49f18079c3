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

}  // namespace procscan::procfs
