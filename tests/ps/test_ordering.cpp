// Line order: threads, sort keys and the forest, on hand-made task tables.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "columns.h"
#include "forest.h"
#include "ordering.h"
#include "task_lines.h"

using namespace td::ps;
using procscan::Field;
using procscan::FieldSet;
using procscan::RowKind;
using procscan::TaskTable;

namespace {

struct Task {
  RowKind kind;
  std::uint64_t tgid, tid, ppid;
  std::int64_t nice;
  std::string comm;
  std::uint64_t start = 0;
};

TaskTable table_of(const std::vector<Task>& tasks) {
  TaskTable table(
      FieldSet{Field::Tgid, Field::Tid, Field::Ppid, Field::Nice, Field::Comm, Field::StartTime});
  for (const Task& t : tasks) {
    table.begin_row(t.kind);
    table.set_u64(Field::Tgid, t.tgid);
    table.set_u64(Field::Tid, t.tid);
    table.set_u64(Field::Ppid, t.ppid);
    table.set_i64(Field::Nice, t.nice);
    table.set_str(Field::Comm, t.comm);
    table.set_u64(Field::StartTime, t.start);
    table.commit_row();
  }
  return table;
}

std::vector<PendingLine> all_lines(const TaskTable& table) {
  std::vector<PendingLine> lines;
  for (std::size_t row = 0; row < table.size(); ++row)
    lines.push_back({row, LineMask::Whole, {}});
  return lines;
}

std::string tids(const TaskTable& table, const std::vector<PendingLine>& lines) {
  std::string out;
  for (const PendingLine& line : lines) {
    if (!out.empty()) out.push_back(' ');
    out += std::to_string(table[line.row].u64(Field::Tid));
    if (!line.forest_prefix.empty()) out += "[" + line.forest_prefix + "]";
  }
  return out;
}

SortKey key(const char* spec, bool descending = false) {
  return {find_column(spec), descending};
}

FormatPlan sorted_by(std::vector<SortKey> keys) {
  FormatPlan plan;
  plan.sort = std::move(keys);
  return plan;
}

PrintContext context() {
  PrintContext ctx;
  ctx.text = td::common::TextMode{true, true};
  return ctx;
}

// Which rows a thread view prints, and how.
std::string view_lines(ThreadView view, const TaskTable& table) {
  TaskLines lines(view);
  std::string out;
  auto wants = [](const procscan::TaskRef&) { return true; };
  auto line = [&](const procscan::TaskRef& task, LineMask mask) {
    out += std::to_string(task.u64(Field::Tid));
    out += mask == LineMask::ProcessLine ? "p " : mask == LineMask::ThreadLine ? "t " : " ";
  };
  for (std::size_t row = 0; row < table.size(); ++row)
    lines.feed(table[row], wants, line);
  return out;
}

}  // namespace

TEST_CASE("sort keys apply last to first, stably", "[ordering]") {
  const TaskTable table = table_of({{RowKind::Process, 1, 1, 0, 0, "init"},
                                    {RowKind::Process, 2, 2, 0, 5, "kthreadd"},
                                    {RowKind::Process, 3, 3, 1, 0, "bash"},
                                    {RowKind::Process, 4, 4, 1, 5, "bash"}});
  const PrintContext ctx = context();
  auto lines = all_lines(table);
  order_lines(lines, table, sorted_by({key("comm")}), 0, ctx);
  CHECK(tids(table, lines) == "3 4 1 2");
  lines = all_lines(table);
  order_lines(lines, table, sorted_by({key("ni", true), key("pid", true)}), 0, ctx);
  CHECK(tids(table, lines) == "4 2 3 1");
}

TEST_CASE("a forest sorts by parent, then start time, and walks roots from the end", "[ordering]") {
  const TaskTable table = table_of({{RowKind::Process, 1, 1, 0, 0, "init", 1},
                                    {RowKind::Process, 2, 2, 0, 0, "kthreadd", 1},
                                    {RowKind::Process, 5, 5, 2, 0, "kworker", 3},
                                    {RowKind::Process, 7, 7, 1, 0, "sshd", 5},
                                    {RowKind::Process, 8, 8, 7, 0, "bash", 6},
                                    {RowKind::Process, 9, 9, 7, 0, "bash", 7}});
  const PrintContext ctx = context();
  auto lines = all_lines(table);
  order_lines(lines, table, FormatPlan{}, 'b', ctx);
  // init's children stay on its level in a BSD forest.
  CHECK(tids(table, lines) == "2 5[L] 1 7 8[+] 9[L]");
  lines = all_lines(table);
  order_lines(lines, table, FormatPlan{}, 'u', ctx);
  CHECK(tids(table, lines) == "2 5[L] 1 7[L] 8[ +] 9[ L]");
}

TEST_CASE("a forest under user keys breaks their ties by start time", "[ordering]") {
  // display.c prep_forest_sort puts start_time before the user's keys.
  const TaskTable table = table_of({{RowKind::Process, 10, 10, 0, 0, "x", 9},
                                    {RowKind::Process, 11, 11, 0, 0, "x", 3},
                                    {RowKind::Process, 12, 12, 0, 0, "a", 5}});
  auto lines = all_lines(table);
  order_lines(lines, table, sorted_by({key("comm")}), 'b', context());
  // Sorted 12 11 10; a forest walks its roots from the end.
  CHECK(tids(table, lines) == "10 11 12");
}

TEST_CASE("forest art", "[ordering]") {
  std::string out;
  CHECK(append_forest_art(out, " |L", 'b', 80) == 12);
  CHECK(out == "     |   \\_ ");
  out.clear();
  CHECK(append_forest_art(out, " |L", 'b', 9) == 8);
  CHECK(out == "     |  ");
  out.clear();
  CHECK(append_forest_art(out, "+L", 'u', 80) == 4);
  CHECK(out == "    ");
}

TEST_CASE("thread views", "[ordering]") {
  // A process of three threads, then a single-threaded one.
  const TaskTable table = table_of({{RowKind::Process, 10, 10, 1, 0, "app"},
                                    {RowKind::Thread, 10, 10, 1, 0, "app"},
                                    {RowKind::Thread, 10, 11, 1, 0, "worker"},
                                    {RowKind::Thread, 10, 12, 1, 0, "worker"},
                                    {RowKind::Process, 20, 20, 1, 0, "sh"},
                                    {RowKind::Thread, 20, 20, 1, 0, "sh"}});
  CHECK(view_lines(ThreadView::Processes, table) == "10 20 ");
  // The process row stands for its leader thread, read from /proc/PID as procps does.
  CHECK(view_lines(ThreadView::Flat, table) == "10 11 12 20 ");
  CHECK(view_lines(ThreadView::Nested, table) == "10p 10t 11t 12t 20p 20t ");
  CHECK(thread_view(kThreadShowProcess) == ThreadView::Processes);
  CHECK(thread_view(kThreadShowTask) == ThreadView::Flat);
  CHECK(thread_view(kThreadShowProcess | kThreadShowTask | kThreadShowBoth) == ThreadView::Nested);
}
