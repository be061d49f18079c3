// -q's lines in the order procps 4.0.2 reads a quick pid list.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "quick_pids.h"

namespace {

using procscan::Field;
using procscan::RowKind;
using procscan::TaskRef;
using procscan::TaskTable;
using td::ps::LineMask;
using td::ps::ThreadView;

const procscan::FieldSet kFields{Field::Tgid, Field::Tid, Field::StartTime};

void add(TaskTable& table, RowKind kind, std::uint64_t tgid, std::uint64_t tid,
         std::uint64_t start) {
  table.begin_row(kind);
  table.set_u64(Field::Tgid, tgid);
  table.set_u64(Field::Tid, tid);
  table.set_u64(Field::StartTime, start);
  table.commit_row();
}

// Process 10 with threads 11 and 12 (started later); process 20 alone; 30 alone, started
// before 10. `read` has what /proc/ID shows for 10, 11, 20 and 30: 11's row is a Process
// row of thread 11 (its own state and name; its process's counts).
struct World {
  TaskTable read{kFields};
  TaskTable threads{kFields};
  World() {
    add(read, RowKind::Process, 10, 10, 100);
    add(read, RowKind::Process, 10, 11, 105);
    add(read, RowKind::Process, 20, 20, 200);
    add(read, RowKind::Process, 30, 30, 50);
    for (const std::uint64_t tid : {10, 11, 12})
      add(threads, RowKind::Thread, 10, tid, tid == 10 ? 100 : 105);
    add(threads, RowKind::Thread, 20, 20, 200);
    add(threads, RowKind::Thread, 30, 30, 50);
  }
};

// "TGID/TID" per line, with "p" for a Process row and, for m, "P" or "T" for the mask.
std::string describe(const std::vector<td::ps::QuickLine>& lines) {
  std::string text;
  for (const auto& line : lines) {
    if (!text.empty()) text += ' ';
    text += std::to_string(line.task.u64(Field::Tgid)) + "/" +
            std::to_string(line.task.u64(Field::Tid));
    if (line.task.kind() == RowKind::Process) text += 'p';
    if (line.mask == LineMask::ProcessLine) text += 'P';
    if (line.mask == LineMask::ThreadLine) text += 'T';
  }
  return text;
}

std::string lines_of(const World& world, std::vector<std::uint64_t> listed, ThreadView view) {
  const std::set<std::uint64_t> selected(listed.begin(), listed.end());
  return describe(td::ps::quick_lines(
      listed, world.read, world.threads, view,
      [&](const TaskRef& task) { return selected.count(task.u64(Field::Tgid)) != 0; }));
}

}  // namespace

TEST_CASE("-q: each id as given, a thread's id under its process when that is listed") {
  const World world;
  CHECK(lines_of(world, {11, 10, 99, 10}, ThreadView::Processes) == "10/11p 10/10p 10/10p");
  CHECK(lines_of(world, {11, 20}, ThreadView::Processes) == "20/20p");  // 10 is not listed
}

TEST_CASE("-q with threads: a task directory is read once until another one is opened") {
  const World world;
  CHECK(lines_of(world, {10, 10}, ThreadView::Flat) == "10/10p 10/11 10/12");
  CHECK(lines_of(world, {10, 20, 10}, ThreadView::Flat) ==
        "10/10p 10/11 10/12 20/20p 10/10p 10/11 10/12");
  // The thread's id opens its process's directory: the leader is read there, the thread at
  // /proc/11; the process's own id then adds nothing.
  CHECK(lines_of(world, {11, 10}, ThreadView::Flat) == "10/10 10/11p 10/12");
  CHECK(lines_of(world, {11}, ThreadView::Flat).empty());
  CHECK(lines_of(world, {99, 10}, ThreadView::Flat) == "10/10p 10/11 10/12");
}

TEST_CASE("-q with m: lines sorted by process and start time, the first one opens each") {
  const World world;
  CHECK(lines_of(world, {20, 30}, ThreadView::Nested) == "20/20pP 20/20pT 30/30pP 30/30pT");
  CHECK(lines_of(world, {10, 20, 10}, ThreadView::Nested) ==
        "10/10pP 10/10pT 10/10pT 10/11T 10/12T 10/11T 10/12T 20/20pP 20/20pT");
  CHECK(lines_of(world, {11, 10}, ThreadView::Nested) == "10/10P 10/10T 10/11pT 10/12T");
}

TEST_CASE("-q with m: a thread line that sorts first prints its process line once") {
  // Where procps 4.0.2 would loop for ever: thread 11 read first, its leader gone.
  World world;
  TaskTable threads(kFields);
  add(threads, RowKind::Thread, 10, 11, 105);
  add(threads, RowKind::Thread, 10, 12, 105);
  world.threads = std::move(threads);
  CHECK(lines_of(world, {11, 10}, ThreadView::Nested) == "10/11pP 10/12P");
}
