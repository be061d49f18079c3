// The batched /proc reader: the backend that always works.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "procfs/file_reader.h"
#include "procscan/backend.h"
#include "util/unique_fd.h"

namespace procscan::procfs {

class ProcfsBackend final : public Backend {
 public:
  // Opens the proc root (a captured tree in tests). Throws FatalScanError when it is missing.
  explicit ProcfsBackend(const std::string& root);

  std::string_view name() const override { return "procfs"; }
  FieldSet serves(const Query& query) const override;
  ScanStats scan(const Query& query, TaskTable& out, RowObserver* observer) override;

  // The numeric entries of `dir` relative to the root ("" for the root itself: every
  // process; "PID/task": its threads), in the kernel's order. False when unreadable.
  bool list_ids(const char* dir, std::vector<pid_t>& out);

  // Whether a listing of the root would name `pid`: it exists and leads its thread group.
  bool lists_process(pid_t pid) { return pid > 0 && is_thread_group_leader(pid); }

  enum class TaskRead { Ok, Vanished };
  // Reads the fields of `out`'s layout that `wanted` names for one task into the open row.
  // `task_dir` is "PID" or "PID/task/TID" relative to the root.
  TaskRead read_task(const char* task_dir, const FieldSet& wanted, TaskTable& out,
                     ScanStats& stats);

 private:
  TaskRead read_task(const char* task_dir, const FieldSet& wanted, std::uint32_t groups,
                     TaskTable& out, ScanStats& stats);
  bool is_thread_group_leader(pid_t pid);
  TaskRead read_group(const char* task_dir, Group group, const FieldSet& wanted, TaskTable& out,
                      ScanStats& stats);
  bool still_exists(const char* task_dir);
  ScanStats scan_process(pid_t pid, const Query& query, const FieldSet& wanted,
                         std::uint32_t groups, TaskTable& out, RowObserver* observer);

  UniqueFd root_;
  FileReader reader_;
};

}  // namespace procscan::procfs
