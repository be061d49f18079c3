// Task state, priority and scheduling.
#include "printers.h"
#include "procps_items.h"
#include "value_format.h"

namespace td::ps {

using procscan::Field;
using procscan::TaskRef;

namespace {

int append_number(std::string& out, std::int64_t value) {
  return append_signed(out, value);
}

int append_dash(std::string& out) {
  out.push_back('-');
  return 1;
}

std::int64_t priority(const TaskRef& task) {
  return task.i64(Field::Priority);
}
std::int64_t policy(const TaskRef& task) {
  return static_cast<std::int64_t>(task.u64(Field::Policy));
}

}  // namespace

int print_stat(const PrintContext&, const TaskRef& task, std::string& out) {
  StatFlags flags;
  flags.state = static_cast<char>(task.u64(Field::State, '?'));
  flags.nice = task.i64(Field::Nice);
  flags.locked_kib = task.u64(Field::VmLck);
  flags.session_leader = task.u64(Field::Sid) == task.u64(Field::Tgid);
  flags.threads = task.u64(Field::NumThreads, 1);
  flags.foreground = static_cast<std::int64_t>(task.u64(Field::Pgid)) == task.i64(Field::Tpgid, -1);
  const std::size_t before = out.size();
  append_stat(out, flags);
  return static_cast<int>(out.size() - before);
}

int print_state(const PrintContext&, const TaskRef& task, std::string& out) {
  out.push_back(static_cast<char>(task.u64(Field::State, '?')));
  return 1;
}

int print_flags(const PrintContext&, const TaskRef& task, std::string& out) {
  // Unix98 wants octal; ps keeps one digit of the kernel's PF_* bits.
  out.push_back(static_cast<char>('0' + ((task.u64(Field::Flags) >> 6) & 7)));
  return 1;
}

int print_nice(const PrintContext&, const TaskRef& task, std::string& out) {
  // Only SCHED_OTHER and SCHED_BATCH use the nice value.
  const std::int64_t p = policy(task);
  if (p != 0 && p != 3 && p != -1) return append_dash(out);
  return append_number(out, task.i64(Field::Nice));
}

int print_pri(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_number(out, 39 - priority(task));
}
int print_opri(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_number(out, 60 + priority(task));
}
int print_priority(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_number(out, priority(task));
}
int print_pri_api(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_number(out, -1 - priority(task));
}
int print_pri_bar(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_number(out, priority(task) + 1);
}
int print_pri_baz(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_number(out, priority(task) + 100);
}
int print_pri_foo(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_number(out, priority(task) - 20);
}

int print_rtprio(const PrintContext&, const TaskRef& task, std::string& out) {
  const std::int64_t p = policy(task);
  if (p == 0 || p == -1) return append_dash(out);
  return append_number(out, static_cast<std::int64_t>(task.u64(Field::RtPriority)));
}

int print_class(const PrintContext&, const TaskRef& task, std::string& out) {
  const std::string_view name = scheduling_class_name(policy(task));
  out.append(name);
  return static_cast<int>(name.size());
}

int print_sched(const PrintContext&, const TaskRef& task, std::string& out) {
  const std::int64_t p = policy(task);
  if (p == -1) return append_dash(out);
  return append_number(out, p);
}

int print_psr(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_number(out, static_cast<std::int32_t>(task.u64(Field::Processor)));
}

int print_sgi_p(const PrintContext&, const TaskRef& task, std::string& out) {
  // IRIX style: the CPU of a running task, '*' otherwise.
  if (task.u64(Field::State) != 'R') {
    out.push_back('*');
    return 1;
  }
  return append_number(out, static_cast<std::uint32_t>(task.u64(Field::Processor)));
}

int print_wchan(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  // ps cuts the name to the column (wchan never overflows).
  std::string_view name = common::wchan_name(task.str(Field::Wchan), task.has(Field::Wchan));
  if (name.size() > static_cast<std::size_t>(ctx.max_cells))
    name = name.substr(0, static_cast<std::size_t>(ctx.max_cells));
  out.append(name);
  return static_cast<int>(name.size());
}

}  // namespace td::ps
