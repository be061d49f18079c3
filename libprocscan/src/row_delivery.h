// How backends hand rows out: kept in the caller's table, or shown to its visitor.
#pragma once

#include <cstddef>

#include "procscan/row_visitor.h"
#include "procscan/task_table.h"

namespace procscan {

// After a row of `out` was committed: a streaming scan (a visitor) shows it and lets it go.
inline void hand_out(TaskTable& out, RowVisitor* visitor) {
  if (!visitor) return;
  visitor->visit(out[out.size() - 1]);
  out.clear();
}

// Commits the open row of `out` and hands it out.
inline void commit_row(TaskTable& out, RowVisitor* visitor) {
  out.commit_row();
  hand_out(out, visitor);
}

// Rows another thread built in a table of their own, laid out as `out`: shown to `visitor`
// where they lie, or appended to `out`.
inline void deliver_rows(const TaskTable& rows, TaskTable& out, RowVisitor* visitor) {
  if (!visitor) {
    out.append(rows);
    return;
  }
  for (std::size_t row = 0; row < rows.size(); ++row)
    visitor->visit(rows[row]);
}

}  // namespace procscan
