// The one streaming interface: a scan shows each row to a visitor instead of keeping it.
#pragma once

#include "procscan/task_table.h"

namespace procscan {

// Sees the rows of a streamed scan one at a time, in the order a collecting scan would
// keep them, on the thread that called the scan, whatever threads the backend read them on.
class RowVisitor {
 public:
  virtual ~RowVisitor() = default;
  // `row` is valid only during the call.
  virtual void visit(const TaskRef& row) = 0;
};

}  // namespace procscan
