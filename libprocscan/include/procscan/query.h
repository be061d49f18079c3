// What a caller asks for: which tasks, and which fields of them.
#pragma once

#include <sys/types.h>

#include <vector>

#include "procscan/field_set.h"

namespace procscan {

class KeptFiles;

enum class Scope {
  Processes,  // one row per thread group (what /proc lists)
  Threads,    // one row per thread, no process rows
  // A process row followed by the rows of its other threads (ps m, -L): the process row,
  // read from /proc/PID as procps reads the leader, stands for the leader's thread too.
  ProcessesAndThreads,
};

struct Query {
  FieldSet fields;
  Scope scope = Scope::Processes;
  // When set, only these thread group ids are read, without listing /proc. Pids that are
  // not thread group leaders or do not exist are skipped, as a /proc listing would.
  bool pid_list_only = false;
  std::vector<pid_t> pids;
  // For a caller that scans again and again (the refresh engine sets it): the procfs backend
  // keeps the tasks' stat, statm and status files open here between scans, within its
  // budgets (procscan/kept_files.h). Other backends do not read those files and ignore it.
  KeptFiles* kept_files = nullptr;
};

}  // namespace procscan
