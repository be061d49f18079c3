// The batched /proc reader: the backend that always works.
#pragma once

#include <sys/types.h>

#include <string>

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
  // The root is the live /proc, which the sd-login calls behind the Systemd group read.
  bool live_proc_;
  FileReader reader_;
};

}  // namespace procscan::procfs
