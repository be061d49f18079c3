// The BPF iterator fast path, seen from the scanner: a task_diag transport on stock kernels.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "taskdiag/transport.h"

namespace procscan::bpf {

// Loads our iterator programs (or opens the iterator an administrator pinned) and returns a
// transport speaking the task_diag wire format; nullptr with `why` set to a one-line
// reason when BPF cannot serve this caller or this build has no BPF support.
std::unique_ptr<taskdiag::Transport> open_transport(std::string& why);

// The task_vma and task_file programs alone (no task program, no pinned iterator): a
// transport serving only TASK_DIAG_VMA and TASK_DIAG_EXT_FILE dumps, for the open-files
// query; nullptr with `why` set as above.
std::unique_ptr<taskdiag::Transport> open_side_transport(std::string& why);

// Whether `auto` should prefer BPF here: loading and verifying the programs costs a fixed
// time that pays off only above some task count (read from /proc/loadavg). `why` says
// which way and the numbers behind it.
bool pays_off(std::string& why);
// The same for the open-files query's side programs (task_file, task_vma), whose cost is
// won back per open file: above some count of the machine's open files (the allocated
// file handles of /proc/sys/fs/file-nr).
bool files_pay_off(std::string& why);

// TASK_DIAG_SHOW() bits a loaded task iterator would fill for this caller, known without
// loading anything: `auto` skips BPF for queries whose fields it would have to complete
// from /proc for every task anyway.
std::uint64_t offered_attributes();

}  // namespace procscan::bpf
