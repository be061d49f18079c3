// What a backend that reads only some fields, or misses some tasks, gets from the planner:
// listings of the tasks that exist, and single tasks' fields read on their own. The procfs
// backend is the source (procfs/procfs_backend.h); the scanner hands it to the wire backend,
// which completes and reconciles its dumps through it and knows nothing else of procfs.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "procscan/backend.h"
#include "procscan/field_set.h"
#include "procscan/query.h"
#include "procscan/row_visitor.h"
#include "procscan/task_table.h"

namespace procscan {

// Reads single tasks; one per thread that completes rows (each has buffers of its own).
class TaskCompleter {
 public:
  virtual ~TaskCompleter() = default;

  // Reads `fields` of task `tid` of process `tgid` into the open row of `out`: as its
  // process row reads them (`kind` Process, from /proc/TGID) or as its thread row does.
  // False when the task vanished meanwhile (the row is the caller's to drop).
  virtual bool complete(std::uint32_t tgid, std::uint32_t tid, RowKind kind, const FieldSet& fields,
                        TaskTable& out, ScanStats& stats) = 0;
  // Whether a listing of the processes would name `pid`: it exists and leads its group.
  virtual bool lists_process(pid_t pid) = 0;
};

class TaskSource {
 public:
  virtual ~TaskSource() = default;

  // Every process, in the order a listing of the proc root gives; false when it cannot be
  // listed.
  virtual bool list_processes(std::vector<pid_t>& out) = 0;
  // The threads of process `tgid`, in the order its task/ directory lists them; false when
  // it is gone.
  virtual bool list_threads(pid_t tgid, std::vector<pid_t>& out) = 0;
  // A completer for one thread's use, valid while this source is.
  virtual std::unique_ptr<TaskCompleter> completer() = 0;
  // The rows of Query::listed_threads (ps -q's ids of threads that do not lead their group,
  // each read as a Process row at /proc/ID), which no dump serves; none by default.
  virtual ScanStats scan_listed_threads(const Query& /*query*/, TaskTable& /*out*/,
                                        RowVisitor* /*visitor*/) {
    return {};
  }
};

}  // namespace procscan
