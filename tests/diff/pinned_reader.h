// The pinned-iterator path of ps-bpf-vs-procfs-host: procscan-bpf-pin pins the task
// iterator in a bpffs of the test's own, and a user without CAP_BPF (nobody) reads it with
// `tdps --backend=bpf`, which must print what the procfs backend prints for that user.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace td::diff::host {

// `args` run as nobody, without capabilities, reading the pins in `pin_dir`.
std::vector<std::string> as_nobody(const std::string& pin_dir, const std::string& tdps,
                                   const std::vector<std::string>& args);

// Compares the two backends as nobody on the lines of `pids` (their comma-separated list
// in `pid_list`), then several readers at once on a process of ours (td-bpf-host, `self`,
// exec'd idle), then every column on tasks nobody may and may not ptrace
// (pinned_columns.h); prints an "ok" or "FAIL" line per case and returns the number of
// failures.
int compare_pinned_reader(const std::string& tdps, const std::string& pin_tool,
                          const std::string& self, const std::set<std::string>& pids,
                          const std::string& pid_list);

}  // namespace td::diff::host
