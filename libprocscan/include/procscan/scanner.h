// The entry point: pick a backend for a query and run it.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "procscan/backend.h"
#include "procscan/backend_choice.h"
#include "procscan/query.h"
#include "procscan/row_visitor.h"
#include "procscan/scan_error.h"
#include "procscan/task_table.h"

namespace procscan {

struct ScannerOptions {
  BackendChoice backend = BackendChoice::Auto;  // PROCSCAN_BACKEND overrides Auto
  std::string proc_root = "/proc";              // a captured tree in tests
  // Threads a procfs scan may use: 0 chooses by the number of processes (two on a machine
  // with two or more CPUs for listings large enough to pay for the thread), 1 keeps the
  // scan on the calling thread, 2 always splits a listing of two or more processes.
  // PROCSCAN_THREADS (0, 1 or 2) overrides 0. Rows come out in the same order either way.
  unsigned threads = 0;
  // Whether a procfs scan of many processes opens and closes their files in batches, one
  // io_uring system call per run of processes, where the kernel allows it. Rows are the
  // same either way. PROCSCAN_BATCH_OPENS=0 turns it off.
  bool batch_opens = true;
  // Whether the BPF backend reads a whole dump of processes and threads with two threads,
  // each a range of tgids, and hands out the first range's rows while the second range's
  // are read and built: Auto does on a large machine (hundreds of processes).
  // PROCSCAN_SPLIT_DUMPS (0 or 1) overrides Auto. Rows are the same either way, and reach
  // the caller in the same order on its own thread, but for our own process, which has the
  // second thread while the dump walks it.
  enum class SplitDumps { Auto, Never, Always };
  SplitDumps split_dumps = SplitDumps::Auto;
};

namespace procfs {
class ProcfsBackend;
}
class BackendProbe;

// Chooses per scan (BackendChoice::Auto): task_diag when /proc/task-diag exists and the
// caller may see every task asked for (CAP_SYS_PTRACE, or a pid list of its own tasks), else
// the BPF iterators when they load and pay off, else procfs. A fast backend that fails
// mid-scan under auto is replaced by procfs for that scan and every later one.
class Scanner {
 public:
  explicit Scanner(ScannerOptions options = {});
  // With `probe` answering the choice's questions about the machine instead of the machine
  // itself (a test's fake: libprocscan/src/backend_probe.h).
  Scanner(ScannerOptions options, std::unique_ptr<BackendProbe> probe);
  ~Scanner();
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  // Collects every selected task into a table laid out for query.fields.
  TaskTable scan(const Query& query);
  // Streams: `visitor` (or `visit`) sees each row once, in order, on this thread, and no
  // row is kept.
  void scan(const Query& query, RowVisitor& visitor);
  void scan(const Query& query, const std::function<void(const TaskRef&)>& visit);

  // The backend that served the last scan, and why it was chosen, in one line ("" before any
  // scan): "taskdiag: /proc/task-diag with CAP_SYS_PTRACE", "procfs: no /proc/task-diag; bpf
  // skipped: ...", "procfs: taskdiag failed mid-scan: ...".
  std::string_view backend_name() const;
  const std::string& choice_reason() const { return reason_; }
  const ScanStats& last_stats() const { return stats_; }

 private:
  Backend& choose(const Query& query);
  ScanStats run(const Query& query, TaskTable& out, RowVisitor* visitor);
  procfs::ProcfsBackend& procfs();
  Backend* open_taskdiag(std::string& why);
  // `query`: the scan it is opened for; a whole listing lists the proc root for its
  // reconciliation while the programs load.
  Backend* open_bpf(std::string& why, const Query& query);

  ScannerOptions options_;
  std::unique_ptr<BackendProbe> probe_;
  std::unique_ptr<Backend> procfs_;
  std::unique_ptr<Backend> taskdiag_;
  std::unique_ptr<Backend> bpf_;
  std::string taskdiag_path_;
  std::string taskdiag_failure_;  // why task_diag cannot serve; "" while untried or working
  std::string bpf_failure_;
  Backend* last_ = nullptr;
  std::string reason_;
  ScanStats stats_;
};

}  // namespace procscan
