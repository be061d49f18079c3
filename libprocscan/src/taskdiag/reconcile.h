// The processes a wire source left out. task_diag silently skips tasks the caller may not
// ptrace, and a BPF task iterator may hide some (this VM's kernel hides its init and that
// init's threads). One getdents pass over the proc root, a few syscalls for 10k processes,
// finds every process the dump did not deliver (for a pid list, a check of each pid it did
// not deliver); the backend then reads those rows from
// procfs, so that the output equals the procfs backend's. Threads that a delivered process
// lacks are not looked for: that would list every task/ directory.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <span>
#include <vector>

namespace procscan::taskdiag {

// The ids of `listed` (a proc root listing, in its order) that are not in `delivered` (any
// order, duplicates allowed) and, when `only` is given (sorted), are in `only`; in
// `listed`'s order.
std::vector<pid_t> undelivered(std::vector<std::uint32_t> delivered, std::span<const pid_t> listed,
                               const std::vector<pid_t>* only = nullptr);

}  // namespace procscan::taskdiag
