#include "quick_pids.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

namespace td::ps {

namespace {

using procscan::Field;
using procscan::TaskRef;
using procscan::TaskTable;

// The row read at /proc/ID, by ID.
std::unordered_map<std::uint64_t, std::size_t> rows_by_id(const TaskTable& read) {
  std::unordered_map<std::uint64_t, std::size_t> rows;
  for (std::size_t row = 0; row < read.size(); ++row)
    rows.emplace(read[row].u64(Field::Tid), row);
  return rows;
}

// Where each process's thread rows start in `threads`, and how many there are.
struct Run {
  std::size_t first = 0;
  std::size_t count = 0;
};

std::unordered_map<std::uint64_t, Run> runs_by_group(const TaskTable& threads) {
  std::unordered_map<std::uint64_t, Run> runs;
  for (std::size_t row = 0; row < threads.size(); ++row) {
    Run& run = runs.try_emplace(threads[row].u64(Field::Tgid), Run{row, 0}).first->second;
    ++run.count;
  }
  return runs;
}

// What procps readeither makes of the list: for each id, the threads of its group in task
// directory order, the id's own read at /proc/ID; nothing when that group's directory was
// the last one opened (readproc.c simple_nexttid reads on in it, and it is at its end).
std::vector<TaskRef> thread_readings(std::span<const std::uint64_t> listed, const TaskTable& read,
                                     const TaskTable& threads) {
  const auto rows = rows_by_id(read);
  const auto runs = runs_by_group(threads);
  std::vector<TaskRef> readings;
  std::optional<std::uint64_t> last_group;
  for (const std::uint64_t id : listed) {
    const auto at = rows.find(id);
    if (at == rows.end()) continue;  // gone: procps opens no directory for it
    const TaskRef own = read[at->second];
    const std::uint64_t group = own.u64(Field::Tgid);
    if (last_group == group) continue;
    last_group = group;
    // A group whose leader is not listed has no rows here: ps reads them and drops them all,
    // as the selection wants listed thread group ids only.
    const auto run = runs.find(group);
    if (run == runs.end()) continue;
    for (std::size_t row = run->second.first; row < run->second.first + run->second.count; ++row)
      readings.push_back(threads[row].u64(Field::Tid) == id ? own : threads[row]);
  }
  return readings;
}

// display.c simple_spew for m: the lines sorted by group, then start time (two stable
// sorts); a selected line starts a process line, and the lines of its group that follow,
// itself included, are its thread lines.
void nested_lines(std::vector<TaskRef> readings, const std::function<bool(const TaskRef&)>& wants,
                  std::vector<QuickLine>& out) {
  std::stable_sort(readings.begin(), readings.end(), [](const TaskRef& a, const TaskRef& b) {
    const auto key = [](const TaskRef& t) {
      return std::pair(t.u64(Field::Tgid), t.u64(Field::StartTime));
    };
    return key(a) < key(b);
  });
  for (std::size_t i = 0; i < readings.size();) {
    const TaskRef first = readings[i];
    if (!wants(first)) {
      ++i;
      continue;
    }
    const std::uint64_t self = first.u64(Field::Tid);
    out.push_back({first, LineMask::ProcessLine});
    // A thread whose group sorts after it: procps 4.0.2 would print its process line for
    // ever; it is printed once (tdps(1), DIFFERENCES).
    if (first.u64(Field::Tgid) != self) {
      ++i;
      continue;
    }
    for (; i < readings.size() && readings[i].u64(Field::Tgid) == self; ++i)
      out.push_back({readings[i], LineMask::ThreadLine});
  }
}

}  // namespace

std::vector<QuickLine> quick_lines(std::span<const std::uint64_t> listed, const TaskTable& read,
                                   const TaskTable& threads, ThreadView view,
                                   const std::function<bool(const TaskRef&)>& wants) {
  std::vector<QuickLine> lines;
  if (view == ThreadView::Processes) {
    const auto rows = rows_by_id(read);
    for (const std::uint64_t id : listed)
      if (const auto at = rows.find(id); at != rows.end() && wants(read[at->second]))
        lines.push_back({read[at->second], LineMask::Whole});
    return lines;
  }
  std::vector<TaskRef> readings = thread_readings(listed, read, threads);
  if (view == ThreadView::Nested) {
    nested_lines(std::move(readings), wants, lines);
    return lines;
  }
  for (const TaskRef& task : readings)
    if (wants(task)) lines.push_back({task, LineMask::Whole});
  return lines;
}

}  // namespace td::ps
