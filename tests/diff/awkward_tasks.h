// Processes that take the BPF task program off its usual path, for ps-bpf-vs-procfs-host:
// threads whose tids are not in the order of the kernel's thread list (tids handed out
// again after a wrap, or below their leader's), in groups small enough for the leader to
// write and large enough to write themselves one by one; and command lines long enough
// that a process's message and its leader's thread message no longer fit one iterator
// record together.
#pragma once

#include <string>

namespace td::diff::host {

// Each compares tdps's procfs and BPF backends on the lines of such processes, under
// several formats and dump strategies, whole-machine listings split and not; prints an
// "ok" or "FAIL" line per case and returns the number of failures.
int compare_threads_out_of_order(const std::string& tdps);
int compare_long_command_lines(const std::string& tdps, const std::string& self);

}  // namespace td::diff::host
