// The order of a window's rows: sorted on one field as libproc2's procps_pids_sort() does
// (glibc's qsort_r is a merge sort, so equal rows keep the order they were read in), or
// the forest view's tree (top.c forest_begin, forest_adds).
#pragma once

#include <cstddef>
#include <vector>

#include "cell_context.h"
#include "fields.h"

namespace td::top {

// Indexes into `tasks`, sorted on `field` (high to low with `high_first`).
std::vector<std::size_t> sorted_order(const std::vector<TaskView>& tasks, FieldId field,
                                      bool high_first, const CellContext& context);

// How two sort values of `kind` compare (negative, 0, positive), ascending.
int compare_sort_values(SortKind kind, const SortValue& a, const SortValue& b);

// The forest: rows by start time, each followed by its children (the threads of a
// process and the processes it started), depth-first; sets each task's level.
std::vector<std::size_t> forest_order(std::vector<TaskView>& tasks);

}  // namespace td::top
