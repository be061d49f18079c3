#include "task_order.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <string>
#include <unordered_map>

#include "procscan/field.h"

namespace td::top {

namespace {

int sign_of(int order, int value) {
  return order * value;
}

}  // namespace

int compare_sort_values(SortKind kind, const SortValue& a, const SortValue& b) {
  switch (kind) {
    case SortKind::SignedInt:
      // libproc2 returns the difference of two C ints.
      return static_cast<int>(static_cast<std::uint32_t>(a.number) -
                              static_cast<std::uint32_t>(b.number));
    case SortKind::Unsigned: {
      const auto x = static_cast<std::uint64_t>(a.number);
      const auto y = static_cast<std::uint64_t>(b.number);
      return x > y ? 1 : x < y ? -1 : 0;
    }
    case SortKind::Real:
      return a.real > b.real ? 1 : a.real < b.real ? -1 : 0;
    case SortKind::Text:
      return std::strcoll(a.text.c_str(), b.text.c_str());
    case SortKind::Version:
      return ::strverscmp(a.text.c_str(), b.text.c_str());
    case SortKind::None:
      return 0;
  }
  return 0;
}

std::vector<std::size_t> sorted_order(const std::vector<TaskView>& tasks, FieldId field,
                                      bool high_first, const CellContext& context) {
  const FieldSpec& spec = field_spec(field);
  std::vector<SortValue> keys;
  keys.reserve(tasks.size());
  for (const TaskView& task : tasks)
    keys.push_back(spec.sort_key(context, task));
  std::vector<std::size_t> order(tasks.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const int direction = high_first ? -1 : 1;  // PIDS_SORT_DESCEND is -1
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return sign_of(direction, compare_sort_values(spec.sort_kind, keys[x], keys[y])) < 0;
  });
  return order;
}

std::vector<std::size_t> forest_order(std::vector<TaskView>& tasks) {
  using procscan::Field;
  const std::size_t n = tasks.size();
  // By start time, ascending; equal times keep the order read.
  std::vector<std::size_t> seed(n);
  std::iota(seed.begin(), seed.end(), std::size_t{0});
  std::stable_sort(seed.begin(), seed.end(), [&](std::size_t x, std::size_t y) {
    return tasks[x].task.u64(Field::StartTime) < tasks[y].task.u64(Field::StartTime);
  });
  // forest_adds makes a task the child of the first earlier task whose PID is its TGID (a
  // thread of it) or, for a process, its PPID. Each task has one such candidate, so the
  // children of each task can be listed once, in seed order.
  std::unordered_map<std::uint64_t, std::size_t> position_of_pid;
  for (std::size_t at = 0; at < n; ++at)
    position_of_pid.emplace(tasks[seed[at]].task.u64(Field::Tid), at);
  std::vector<std::vector<std::size_t>> children(n);
  std::vector<bool> is_root(n, true);
  for (std::size_t at = 0; at < n; ++at) {
    const procscan::TaskRef& t = tasks[seed[at]].task;
    const std::uint64_t pid = t.u64(Field::Tid), tgid = t.u64(Field::Tgid);
    const std::uint64_t parent_pid = pid == tgid ? t.u64(Field::Ppid) : tgid;
    const auto parent = position_of_pid.find(parent_pid);
    if (parent != position_of_pid.end() && parent->second < at) {
      children[parent->second].push_back(at);
      is_root[at] = false;
    }
  }
  std::vector<std::size_t> order;
  order.reserve(n);
  // Depth first, without recursion: each entry is a seed position and its level.
  std::vector<std::pair<std::size_t, int>> stack;
  for (std::size_t root = 0; root < n; ++root) {
    if (!is_root[root]) continue;
    stack.emplace_back(root, 0);
    while (!stack.empty()) {
      auto [at, level] = stack.back();
      stack.pop_back();
      if (level > 100) level = 101;
      tasks[seed[at]].level = level;
      order.push_back(seed[at]);
      const auto& kids = children[at];
      for (auto it = kids.rbegin(); it != kids.rend(); ++it)
        stack.emplace_back(*it, level + 1);
    }
  }
  return order;
}

}  // namespace td::top
