// The interface every source of task data implements: procfs, task_diag, BPF iterators.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "procscan/field_set.h"
#include "procscan/query.h"
#include "procscan/row_visitor.h"
#include "procscan/task_table.h"

namespace procscan {

struct ScanStats {
  std::size_t rows = 0;      // rows committed to the table
  std::size_t vanished = 0;  // tasks that disappeared while being read
  // Reads (files opened or links read) per group: how tests and --debug show that a query
  // cost only what its fields need.
  std::array<std::size_t, kGroupCount> reads{};
  // Task directories stat'ed for euid and egid, which their owner gives instead of status.
  std::size_t owner_reads = 0;
  // Reads of a task_diag source (the kernel's file or our BPF iterators), final 0 included.
  std::size_t transport_reads = 0;
  // Files of `reads` that were opened (and closed) in batches of one system call.
  std::size_t batched_opens = 0;
  // Whole dumps read by two threads at once, each half of the tgids (split_dumps).
  std::size_t split_dumps = 0;

  void add(const ScanStats& other) {
    rows += other.rows;
    vanished += other.vanished;
    owner_reads += other.owner_reads;
    transport_reads += other.transport_reads;
    batched_opens += other.batched_opens;
    split_dumps += other.split_dumps;
    for (std::size_t g = 0; g < kGroupCount; ++g)
      reads[g] += other.reads[g];
  }
};

class Backend {
 public:
  virtual ~Backend() = default;

  // Short name shown by --debug and --backend: "procfs", "taskdiag", "bpf".
  virtual std::string_view name() const = 0;

  // The fields this backend can fill for tasks of this query. The planner completes the
  // rest from procfs.
  virtual FieldSet serves(const Query& query) const = 0;

  // One row per selected task, with the fields `out`'s layout holds and this backend
  // serves: appended to `out` or, with a `visitor`, shown to it instead (in order, on the
  // calling thread, however many threads read them), `out` then being the backend's scratch
  // that keeps no row. Tasks that vanish mid-read are skipped and counted. Throws only when
  // the source as a whole is unusable (no /proc mounted, the task_diag file cannot be read).
  virtual ScanStats scan(const Query& query, TaskTable& out, RowVisitor* visitor) = 0;
};

}  // namespace procscan
