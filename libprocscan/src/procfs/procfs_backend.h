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
#include "task_source.h"
#include "util/unique_fd.h"

namespace procscan::procfs {

// The backend, and the task source other backends complete their rows from.
class ProcfsBackend final : public Backend, public TaskSource {
 public:
  // Opens the proc root (a captured tree in tests). Throws FatalScanError when it is missing.
  // `threads`: 0 chooses by the size of each scan, 1 scans on the calling thread only, 2
  // always splits a listing between the calling thread and a helper.
  // `batch_opens`: false opens every file with its own openat and close, as procps does.
  explicit ProcfsBackend(const std::string& root, unsigned threads = 0, bool batch_opens = true);
  ~ProcfsBackend() override;

  std::string_view name() const override { return "procfs"; }
  FieldSet serves(const Query& query) const override;
  ScanStats scan(const Query& query, TaskTable& out, RowVisitor* visitor) override;

  // The numeric entries of `dir` relative to the root ("" for the root itself: every
  // process; "PID/task": its threads), in the kernel's order. False when unreadable.
  bool list_ids(const char* dir, std::vector<pid_t>& out);

  // TaskSource.
  bool list_processes(std::vector<pid_t>& out) override { return list_ids("", out); }
  bool list_threads(pid_t tgid, std::vector<pid_t>& out) override;
  std::unique_ptr<TaskCompleter> completer() override;
  // TaskSource: the rows of Query::listed_threads: each listed id of a thread that does not lead
  // its group, read as a Process row at /proc/ID; nothing without the flag. For backends that read
  // the leaders' rows themselves.
  ScanStats scan_listed_threads(const Query& query, TaskTable& out, RowVisitor* visitor) override;
  // Lists the root on a second thread while `work` runs on this one, and returns once that
  // thread has left the process, so that a scan after it does not see it. nullopt when the
  // listing failed or no thread could be had (`work` then ran alone).
  std::optional<std::vector<pid_t>> list_root_while(const std::function<void()>& work);

  enum class TaskRead { Ok, Vanished };

 private:
  struct Worker;

 public:
  // Single tasks for another backend (TaskSource::completer()): the fields of `out`'s
  // layout that `fields` names, at "PID" or "PID/task/TID" relative to the root.
  class TaskReader final : public TaskCompleter {
   public:
    explicit TaskReader(ProcfsBackend& backend);
    ~TaskReader() override;
    bool complete(std::uint32_t tgid, std::uint32_t tid, RowKind kind, const FieldSet& fields,
                  TaskTable& out, ScanStats& stats) override;
    bool lists_process(pid_t pid) override;

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
  // The thread group of task `id` as its status says, or nullopt when it is gone.
  std::optional<pid_t> thread_group_of(Worker& worker, pid_t id);
  // Query::listed_threads: ids of threads other than their group's leader (second: the
  // group), each read as a Process row at /proc/ID.
  ScanStats scan_listed_threads(Worker& worker, std::span<const std::pair<pid_t, pid_t>> threads,
                                const Plan& plan, TaskTable& out, RowVisitor* visitor);
  bool still_exists(const TaskDir& task);
  ScanStats scan_process(Worker& worker, pid_t pid, const Query& query, const Plan& plan,
                         TaskTable& out, RowVisitor* visitor);
  ScanStats scan_pids(Worker& worker, std::span<const pid_t> pids, const Query& query,
                      const Plan& plan, TaskTable& out, RowVisitor* visitor);
  // Opens the process files of `pids` that `plan` batches; false when it did not.
  bool open_batch(Worker& worker, std::span<const pid_t> pids, const Plan& plan);
  void close_batch(Worker& worker);
  ScanStats scan_on_two_threads(std::span<const pid_t> pids, const Query& query, const Plan& plan,
                                TaskTable& out, RowVisitor* visitor);
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
