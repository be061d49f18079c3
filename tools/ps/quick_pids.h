// The lines of a quick pid list (-q, q, --quick-pid), in the order procps 4.0.2 reads it.
//
// ps reads each listed id at /proc/ID, in the order given, repeats included (readproc.c
// listed_nextpid), and keeps a row when its thread group id is listed (select.c). An id
// of a thread that does not lead its group so shows that thread, read as /proc/TID shows
// it, under its process's pid. With threads (-L -T H m) ps lists the task directory of the
// id's group (readeither): every thread, the id's own line read at /proc/ID and the others
// in the group's task directory; and an id whose group's directory was the last one opened
// adds nothing, as that directory is already read to its end. m then sorts all those lines
// by group and start time and shows each group's first as its process line.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "procscan/task_table.h"
#include "task_lines.h"

namespace td::ps {

struct QuickLine {
  procscan::TaskRef task;
  LineMask mask;
};

// `listed`: the ids as given. `read`: one Process row per listed id that exists, read at
// /proc/ID (procscan::Query::listed_threads). `threads`: for thread views, the Thread rows
// of every thread of the listed processes, their leaders' included, each process's in the
// order its task directory lists them; unused for ThreadView::Processes. `wants`: the
// selection. m (ThreadView::Nested) needs the start time in both tables.
std::vector<QuickLine> quick_lines(std::span<const std::uint64_t> listed,
                                   const procscan::TaskTable& read,
                                   const procscan::TaskTable& threads, ThreadView view,
                                   const std::function<bool(const procscan::TaskRef&)>& wants);

}  // namespace td::ps
