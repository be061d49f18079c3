// Where the open-files query's descriptors come from: procfs, or a BPF task_file dump run
// here. The choice follows the task Scanner's (explicit, PROCSCAN_BACKEND, auto where BPF
// pays off) with one difference: BPF that cannot serve falls back to procfs, never an error.
#pragma once

#include <memory>
#include <string>

#include "files/bpf_fd_table.h"
#include "procscan/open_files.h"

namespace procscan::files {

struct FdSource {
  bool bpf = false;  // descriptors from `table`, else from procfs
  std::string reason;
  BpfFdTable table;
  bool maps = false;  // with bpf and the Maps group: mappings from `vmas` (else procfs)
  BpfFdTable vmas;
};

// Decides, and for BPF runs the dumps (counted in `stats`). `live_procfs`: the query's proc
// root is a mounted procfs. Throws FatalScanError for a PROCSCAN_BACKEND it cannot parse.
std::unique_ptr<FdSource> choose_fd_source(const OpenFilesQuery& query, int proc_root_fd,
                                           bool live_procfs, OpenFilesStats& stats);

}  // namespace procscan::files
