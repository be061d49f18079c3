// The batched /proc reader: the backend that always works.
#pragma once

#include <sys/types.h>

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "procfs/file_reader.h"
#include "procfs/kept_files.h"
#include "procfs/open_batch.h"
#include "procscan/backend.h"
#include "util/unique_fd.h"

namespace procscan::procfs {

class ProcfsBackend final : public Backend {
 public:
  // Opens the proc root (a captured tree in tests). Throws FatalScanError when it is missing.
  // `threads`: 0 chooses by the size of each scan, 1 scans on the calling thread only, 2
  // always splits a listing between the calling thread and a helper.
  // `batch_opens`: false opens every file with its own openat and close, as procps does.
  explicit ProcfsBackend(const std::string& root, unsigned threads = 0, bool batch_opens = true);
  ~ProcfsBackend() override;

  std::string_view name() const override { return "procfs"; }
  FieldSet serves(const Query& query) const override;
  ScanStats scan(const Query& query, TaskTable& out, RowObserver* observer) override;

  // The numeric entries of `dir` relative to the root ("" for the root itself: every
  // process; "PID/task": its threads), in the kernel's order. False when unreadable.
  bool list_ids(const char* dir, std::vector<pid_t>& out);
  // Lists the root on a second thread while `work` runs on this one, and returns once that
  // thread has left the process, so that a scan after it does not see it. nullopt when the
  // listing failed or no thread could be had (`work` then ran alone).
  std::optional<std::vector<pid_t>> list_root_while(const std::function<void()>& work);

  enum class TaskRead { Ok, Vanished };

 private:
  struct Worker;

 public:
  // Single tasks for another backend, one TaskReader per thread that completes rows: each
  // has buffers of its own. Valid while the backend is.
  class TaskReader {
   public:
    explicit TaskReader(ProcfsBackend& backend);
    ~TaskReader();
    // Reads the fields of `out`'s layout that `wanted` names for one task into the open
    // row. `task_dir` is "PID" or "PID/task/TID" relative to the root.
    TaskRead read_task(const char* task_dir, const FieldSet& wanted, TaskTable& out,
                       ScanStats& stats);
    // Whether a listing of the root would name `pid`: it exists and leads its thread group.
    bool lists_process(pid_t pid);

   private:
    ProcfsBackend& backend_;
    std::unique_ptr<Worker> worker_;
  };

 private:
  struct Plan;
  // A task's directory: `path` relative to the directory open as `fd`.
  struct TaskDir {
    int fd;
    const char* path;
  };
  // What each scanning thread owns.
  struct Worker {
    FileReader reader;
    // Opens a run of processes' files at once; made on helper threads only (open_batch.h).
    std::unique_ptr<OpenBatch> opener;
    // This scan met many uncached dentries: the rest of it opens file by file.
    bool opener_cold = false;
    // The run's files, opened by `opener`: per process, one per file of Plan::batch_files.
    std::vector<int> batch_fds;
    std::vector<OpenBatch::Request> batch_requests;
    std::vector<std::array<char, 96>> batch_paths;
    // How many descriptors a batch may hold open at once (RLIMIT_NOFILE leaves room).
    std::size_t batch_fd_budget = 0;
    // The process row being read: its files in batch_fds, or nullptr.
    const int* task_fds = nullptr;
    // The command line the thread group leader's row read, which all its threads share.
    std::string leader_cmdline;
    std::vector<pid_t> tids;  // the task/ listing of the process being read
    // The files kept open between scans (Query::kept_files), and the row being read, whose
    // task they are kept for.
    KeptFiles::Table* kept = nullptr;
    pid_t row_tid = 0;
    RowKind row_kind = RowKind::Process;
  };

  TaskRead read_task(Worker& worker, const TaskDir& task, const Plan& plan, std::uint32_t groups,
                     TaskTable& out, ScanStats& stats);
  TaskRead read_group(Worker& worker, const TaskDir& task, Group group, const Plan& plan,
                      TaskTable& out, ScanStats& stats);
  TaskRead read_owner(const TaskDir& task, TaskTable& out, ScanStats& stats);
  bool is_thread_group_leader(Worker& worker, pid_t pid);
  bool still_exists(const TaskDir& task);
  ScanStats scan_process(Worker& worker, pid_t pid, const Query& query, const Plan& plan,
                         TaskTable& out, RowObserver* observer);
  ScanStats scan_pids(Worker& worker, std::span<const pid_t> pids, const Query& query,
                      const Plan& plan, TaskTable& out, RowObserver* observer);
  // Opens the process files of `pids` that `plan` batches; false when it did not.
  bool open_batch(Worker& worker, std::span<const pid_t> pids, const Plan& plan);
  void close_batch(Worker& worker);
  ScanStats scan_on_two_threads(std::span<const pid_t> pids, const Query& query, const Plan& plan,
                                TaskTable& out, RowObserver* observer);
  bool worth_two_threads(std::size_t pids) const;
  pid_t own_pid() const;
  std::size_t own_thread_count();
  void wait_for_own_threads(std::size_t count);

  UniqueFd root_;
  // The root is the live /proc, which the sd-login calls behind the Systemd group read.
  bool live_proc_;
  // The root is a mounted procfs, whose semantics the cheaper sources rely on (a captured
  // tree of plain files is read file by file).
  bool is_procfs_ = false;
  unsigned threads_;
  // Whether a scan may open files in batches (a helper thread made a ring once, or has not
  // tried yet).
  bool batch_opens_;
  Worker main_;
  std::array<std::unique_ptr<Worker>, 2> helpers_;  // made on the first scan that uses them
};

}  // namespace procscan::procfs
