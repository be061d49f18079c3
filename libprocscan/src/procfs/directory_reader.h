// Lists the numeric entries of a /proc directory with getdents64 and one large buffer.
#pragma once

#include <sys/types.h>

#include <vector>

namespace procscan::procfs {

// Appends the pids (or tids) named by the numeric entries of the directory open as `dirfd`,
// in the order the kernel lists them (ascending for /proc and task/). Returns false when the
// directory could not be read at all (errno set).
bool list_numeric_entries(int dirfd, std::vector<pid_t>& out);

}  // namespace procscan::procfs
