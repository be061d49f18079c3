// The interface every source of task data implements: procfs, task_diag, BPF iterators.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string_view>

#include "procscan/field_set.h"
#include "procscan/query.h"
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

// Receives rows as a backend commits them. Called on the scanning thread; the row is
// valid only during the call when the caller scans in streaming mode.
class RowObserver {
 public:
  virtual ~RowObserver() = default;
  virtual void on_row(TaskTable& table) = 0;

  // A backend that reads a scan in two parts at once may hand the rows of its later part to
  // an observer of their own, fed on another thread while this one is still fed: split_off
  // (on the scanning thread) returns it, or nullptr to keep every row here. Its rows come
  // after all of this observer's. rejoin (on the scanning thread, after the last row of
  // both) puts it back in order; a part destroyed without rejoin never happened (the scan
  // failed and is done again).
  virtual std::unique_ptr<RowObserver> split_off() { return nullptr; }
  virtual void rejoin(std::unique_ptr<RowObserver> /*later*/) {}
};

class Backend {
 public:
  virtual ~Backend() = default;

  // Short name shown by --debug and --backend: "procfs", "taskdiag", "bpf".
  virtual std::string_view name() const = 0;

  // The fields this backend can fill for tasks of this query. The planner completes the
  // rest from procfs.
  virtual FieldSet serves(const Query& query) const = 0;

  // Appends one row per selected task to `out`, with the fields `out`'s layout holds and
  // this backend serves; calls `observer` (if any) after each committed row. Tasks that
  // vanish mid-read are skipped and counted. Throws only when the source as a whole is
  // unusable (no /proc mounted, the task_diag file cannot be read).
  virtual ScanStats scan(const Query& query, TaskTable& out, RowObserver* observer) = 0;
};

}  // namespace procscan
