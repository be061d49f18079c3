// Which output lines the scanned rows become, with and without threads.
//
// libprocscan delivers a process row and then one row per thread (the leader included)
// when threads are asked for. procps reads the leader's line from /proc/PID, not from
// /proc/PID/task/PID, so its TIME and %CPU are the process totals: the process row
// stands for the leader and the leader's own thread row is dropped.
//  - Processes (no thread option): one line per selected process.
//  - Flat (H, -L, -T): one line per selected thread.
//  - Nested (m, -m): a process line, then a line per thread of each selected process;
//    thread-only columns show "-" on the process line, process-only ones on thread lines.
#pragma once

#include <cstdint>

#include "columns.h"
#include "options.h"
#include "procscan/task_table.h"

namespace td::ps {

enum class ThreadView : std::uint8_t { Processes, Flat, Nested };

// Which columns a line blanks out with "-".
enum class LineMask : std::uint8_t { Whole, ProcessLine, ThreadLine };

// False for a column the line blanks out: thread-only on a process line, and the reverse.
inline bool line_shows(LineMask mask, Rows rows) {
  return !((mask == LineMask::ProcessLine && rows == Rows::ThreadOnly) ||
           (mask == LineMask::ThreadLine && rows == Rows::ProcessOnly));
}

ThreadView thread_view(unsigned thread_flags);

class TaskLines {
 public:
  explicit TaskLines(ThreadView view) : view_(view) {}

  // Calls line(task, mask) for each line `row` produces; `wants` is the selection.
  template <typename Wants, typename Line>
  void feed(const procscan::TaskRef& row, Wants&& wants, Line&& line) {
    using procscan::Field;
    const bool process_row = row.kind() == procscan::RowKind::Process;
    const std::uint64_t tgid = row.u64(Field::Tgid);
    switch (view_) {
      case ThreadView::Processes:
        if (process_row && wants(row)) line(row, LineMask::Whole);
        return;
      case ThreadView::Flat:
        if (!process_row && row.u64(Field::Tid) == tgid) return;  // the process row stood in
        if (wants(row)) line(row, LineMask::Whole);
        return;
      case ThreadView::Nested:
        if (process_row) {
          shown_group_ = 0;
          if (!wants(row)) return;
          line(row, LineMask::ProcessLine);
          line(row, LineMask::ThreadLine);  // the leader, read as procps reads it
          shown_group_ = tgid;
          return;
        }
        if (row.u64(Field::Tid) == tgid) return;
        if (shown_group_ == tgid) {
          line(row, LineMask::ThreadLine);
        } else if (wants(row)) {
          // procps tests the threads of an unselected process one by one.
          line(row, LineMask::ProcessLine);
        }
        return;
    }
  }

 private:
  ThreadView view_;
  std::uint64_t shown_group_ = 0;  // tgid whose threads follow; 0: none (no task has it)
};

}  // namespace td::ps
