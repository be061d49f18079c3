// A Backend on any task_diag transport: the kernel's /proc/task-diag or our BPF iterators.
//
// It asks the transport only for the attributes the query's fields need and the transport
// serves, and completes every other field through the task source the planner gives it
// (procfs: task_source.h) for just those fields (and the comm of kernel threads, which /proc
// prints longer than the kernel's 16 bytes). Rows come out as
// the procfs backend gives them: ascending tgid, a process's threads after it in the
// kernel's thread order. The whole dump is read and decoded before the first row is
// committed, so a dump that fails mid-way leaves the output untouched and the scanner can
// fall back to procfs; a split dump (set_split) hands out its first part's rows while the
// second part is read and its rows built on another thread (handed out after, on the
// scanning thread), and a second part whose dump fails is completed from procfs.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "procscan/backend.h"
#include "procscan/scan_error.h"
#include "task_source.h"
#include "taskdiag/dump_reader.h"
#include "taskdiag/request.h"
#include "taskdiag/transport.h"

namespace procscan::taskdiag {

struct Pending;  // one row to emit (wire_backend.cpp)

// The transport failed or spoke nonsense mid-scan. A FatalScanError for a caller that
// insisted on this backend; the scanner under auto catches it and uses procfs.
class DumpError : public FatalScanError {
 public:
  using FatalScanError::FatalScanError;
};

class WireBackend final : public Backend {
 public:
  // At most this many pids of a pid list are read with one DUMP_ONE (or THREAD) each; a
  // longer list is served by one whole dump filtered here. A ONE costs three syscalls, a
  // whole dump kernel work for every task, so the crossover is in the hundreds.
  static constexpr std::size_t kOnePerPidLimit = 256;

  // `tasks`: what completes rows and lists the processes the dumps left out. `reconcile`:
  // add the processes a listing names that the dumps did not deliver, read from `tasks`
  // (reconcile.h); off only for tests of the dump path alone.
  WireBackend(std::unique_ptr<Transport> transport, TaskSource& tasks, bool reconcile = true);
  ~WireBackend() override;

  std::string_view name() const override { return transport_->name(); }
  FieldSet serves(const Query& query) const override;
  ScanStats scan(const Query& query, TaskTable& out, RowVisitor* visitor) override;

  // A listing of the proc root taken just before the next scan (while the transport was
  // being set up), which that scan's reconciliation uses instead of listing again when it
  // covers the whole root. Any later scan lists for itself.
  void take_listing(std::vector<pid_t> listed) { early_listing_ = std::move(listed); }

  // Whether a whole dump of processes and threads is read by two threads at once, each the
  // tgids on its side of a listed pid (Transport::split_next_dump): each thread reads,
  // decodes, completes and builds the rows of its part beside the other; the scanning
  // thread hands out its own part's as they come, then the second part's from the table
  // the second thread built them in (no copy). Auto splits when the listing of the proc
  // root was taken early (a large machine) and names kSplitProcesses or more.
  enum class Split { Auto, Never, Always };
  void set_split(Split split) { split_ = split; }
  static constexpr std::size_t kSplitProcesses = 512;
  // Where the split falls in the listing. Past half: the second reader's walk also passes
  // the first part's tasks (the first one's ends at its last) and its lines wait in fresh
  // memory, which outweighs the scanning thread's loading, listing and writing out of the
  // second part's lines (measured: 0.57 against 0.5 and 0.62 on 50,000 tasks).
  static constexpr double kFirstPartShare = 0.57;

 private:
  struct PidFilter;
  struct Plan;
  struct Collected;
  void collect(const Plan& plan, Collected& into, ScanStats& stats,
               std::optional<std::vector<pid_t>> listed);
  // Runs one dump and keeps the tasks that make rows; ESRCH for a single pid is no error.
  void dump(const Request& request, const PidFilter& filter, Collected& into, bool thread_rows,
            ScanStats& stats);
  // The tgid at which this scan's one-walk dump splits, or none; lists the proc root into
  // `listed` when splitting is forced and no listing came early.
  std::optional<std::uint32_t> split_boundary(const Plan& plan,
                                              std::optional<std::vector<pid_t>>& listed) const;
  // The whole scan from a dump read in two parts at once: the part below `boundary` on this
  // thread, the rest on a second thread. False when the transport cannot split (nothing
  // read yet).
  bool scan_split(const Plan& plan, std::uint32_t boundary, std::vector<pid_t> listed,
                  TaskTable& out, RowVisitor* visitor, ScanStats& stats);
  // Where rows go, and what completes them, on one thread.
  struct Sink {
    TaskTable& out;
    RowVisitor* visitor;  // null: rows kept in `out`
    ScanStats& stats;
    TaskCompleter& completer;
  };
  // Tgid order: process rows taken from threads where the plan says so, both lists sorted,
  // a process's threads in the kernel's thread order.
  void order(const Plan& plan, Collected& rows) const;
  // One process's threads in the order of one listing of its task/ directory.
  void order_as_listed(std::span<Pending> threads) const;
  void emit_rows(const Plan& plan, const Collected& rows, const Sink& sink);
  // Checks a finished dump and keeps the tasks that make rows.
  void keep_rows(const Request& request, const DumpRun& run, std::unique_ptr<DumpDecoder> decoder,
                 const PidFilter& filter, Collected& into, bool thread_rows);
  // Adds the processes the dumps did not deliver, as rows read from the task source alone
  // (reconcile.h says why).
  void reconcile(const Plan& plan, Collected& into, std::optional<std::vector<pid_t>> listed,
                 TaskCompleter& completer);
  bool emit(const Plan& plan, const Collected& from, std::size_t index, const Sink& sink);

  std::unique_ptr<Transport> transport_;
  TaskSource& tasks_;
  // Completes rows on the scanning thread.
  std::unique_ptr<TaskCompleter> completer_;
  bool reconcile_;
  std::uint64_t page_size_;
  std::uint32_t seq_ = 0;
  std::vector<std::byte> buffer_;
  std::optional<std::vector<pid_t>> early_listing_;
  Split split_ = Split::Auto;
};

}  // namespace procscan::taskdiag
