// One process's mappings (TASK_DIAG_VMA) or open files (EXT_FILE) through any transport
// that serves them (the BPF task_vma and task_file iterators), decoded and copied out: the
// library's entry for a maps- or lsof-like tool.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "taskdiag/task_diag_abi.h"
#include "taskdiag/transport.h"

namespace procscan::taskdiag {

struct Mapping {
  task_diag_vma header;  // start, end, TASK_DIAG_VMA_F_* flags, pgoff in bytes, dev, inode
  std::string name;      // as /proc/PID/maps prints it; empty where maps prints none
};

struct OpenFile {
  task_diag_ext_file header;  // fd, f_flags, pos, inode, dev, rdev, mode, mnt_id
  std::string name;           // d_path for files, directories and devices; else empty
  std::optional<task_diag_ext_file_stat> stat;  // size, nlink, s_magic (our program's tail)
};

// nullopt with `why` set when the transport lacks the attribute, the dump fails (ESRCH for
// a pid that is gone) or its bytes do not decode.
std::optional<std::vector<Mapping>> read_mappings(Transport& transport, pid_t pid,
                                                  std::string& why);
std::optional<std::vector<OpenFile>> read_open_files(Transport& transport, pid_t pid,
                                                     std::string& why);

}  // namespace procscan::taskdiag
