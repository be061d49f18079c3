// Gathers what lsof 4.95 would list, through libprocscan: the processes (and threads) the
// selection keeps, each with its open files turned into lsof's rows, sockets resolved from
// the caller's network namespace. No /proc reading here: the library does it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "options.h"
#include "rows.h"
#include "selection.h"

namespace tdlsof {

class Collector {
 public:
  Collector(const Options& options, Selection& selection);
  ~Collector();
  Collector(const Collector&) = delete;
  Collector& operator=(const Collector&) = delete;

  // Before the first pass: stats the name arguments (main.c ck_file_arg). False when names
  // were given and none could be stat'ed: lsof then exits 1. Messages go to `errors`.
  bool prepare(std::vector<std::string>& errors);

  // One pass (lsof's gather_proc_info): processes sorted by pid, then tid. Warnings lsof
  // prints on standard error go to `warnings`.
  std::vector<ProcessRows> collect(std::vector<std::string>& warnings);

  // What the last pass read, for --debug: backends, reads per kind.
  std::string debug_line() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tdlsof
