// Whether a thread shares its leader's files, fs or mm tables: kcmp(2), one call per table.
#pragma once

#include <sys/types.h>

#include "procscan/open_files.h"

namespace procscan::files {

class TableIdentity {
 public:
  // Off for a proc root whose pids are not the caller's live ones (a captured tree).
  explicit TableIdentity(bool enabled) : enabled_(enabled) {}

  // Own when the tables differ; SharesLeader when they are one; Unknown when kcmp cannot
  // tell (not allowed for this pair, absent from the kernel: then it is not asked again).
  // `vanished` is set when the thread is gone (ESRCH).
  Sharing compare(pid_t leader, pid_t tid, FileSection section, bool& vanished);
  std::uint64_t calls() const { return calls_; }

 private:
  bool enabled_;
  std::uint64_t calls_ = 0;
};

}  // namespace procscan::files
