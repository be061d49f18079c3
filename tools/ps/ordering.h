// The order of lines when sorting (--sort, k, O) or drawing a forest (f, --forest, -H):
// procps applies the sort keys from the last to the first with a stable sort, so the
// first key decides first; a forest adds ppid as the deciding key (after start time when
// no key was given), then walks the tree. A key sorts only when ps would apply it, which
// for a few keys depends on the other columns (columns.h, StackItem).
#pragma once

#include <string>
#include <vector>

#include "format_list.h"
#include "print_context.h"
#include "procscan/field_set.h"
#include "procscan/task_table.h"
#include "task_lines.h"

namespace td::ps {

struct PendingLine {
  std::size_t row = 0;
  LineMask mask = LineMask::Whole;
  std::string forest_prefix;
};

// Sorts `lines` (rows of `table`) by the sort keys of `format` and, with a forest, puts
// them in tree order with their prefixes.
void order_lines(std::vector<PendingLine>& lines, const procscan::TaskTable& table,
                 const FormatPlan& format, char forest_type, const PrintContext& ctx);

// What the applied sort keys and the forest read.
procscan::FieldSet ordering_fields(const FormatPlan& format, char forest_type);
unsigned ordering_system_needs(const FormatPlan& format);

}  // namespace td::ps
