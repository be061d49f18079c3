// Every column of tdps, read as nobody through the pinned iterators and through /proc, on
// tasks nobody may and may not ptrace: /proc hides some values (the text segment's
// addresses in stat, which trs and drs print) from a reader without ptrace access, and the
// pinned program, read by anyone, must hide them the same way.
#pragma once

#include <string>

namespace td::diff::host {

// Compares `tdps --backend=bpf` (the pins in `pin_dir`) with `--backend=procfs`, both as
// nobody, one column of `tdps L` at a time (a run that reads /proc for one column may mend
// another), for processes and for threads, on: a root sleep, a root process of 4 threads
// (td-bpf-host, `self`, idle), a sleep of nobody, and two processes of nobody that nobody
// may not ptrace (not dumpable; a permitted capability nobody lacks). Prints an "ok" or
// "FAIL" line per column, everything both runs printed for a failure, and returns the
// number of failures.
int compare_pinned_columns(const std::string& tdps, const std::string& pin_dir,
                           const std::string& self);

}  // namespace td::diff::host
