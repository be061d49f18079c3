#include "sort_keys.h"

#include <cstring>

#include "printers.h"

namespace td::ps {

using procscan::TaskRef;
using enum procscan::Field;

namespace {

SortValue real_value(double v) {
  SortValue value;
  value.kind = SortValue::Kind::Real;
  value.real_value = v;
  return value;
}

std::uint64_t own_cpu_ticks(const TaskRef& task) {
  return task.u64(Utime) + task.u64(Stime);
}

}  // namespace

std::string uncut_printed_text(Printer print, const PrintContext& ctx, const TaskRef& task) {
  PrintContext wide = ctx;
  wide.max_cells = 128 * 1024;
  wide.modes.user_is_number = false;
  std::string text;
  print(wide, task, text);
  return text;
}

SortValue sort_command_line(const PrintContext& ctx, const TaskRef& task) {
  return text_sort_value(task_command_line(ctx, task));
}

SortValue sort_command_name(const PrintContext& ctx, const TaskRef& task) {
  return text_sort_value(task_command_name(ctx, task));
}

SortValue sort_tty_name(const PrintContext& ctx, const TaskRef& task) {
  return text_sort_value(uncut_printed_text(print_tty8, ctx, task), SortValue::Kind::Version);
}

SortValue sort_cpu_share(const PrintContext& ctx, const TaskRef& task) {
  return real_value(
      cpu_utilization(own_cpu_ticks(task), task.u64(StartTime), ctx.system.boot_ticks));
}

SortValue sort_cpu_share_with_children(const PrintContext& ctx, const TaskRef& task) {
  const std::uint64_t ticks = own_cpu_ticks(task) + task.u64(Cutime) + task.u64(Cstime);
  return real_value(cpu_utilization(ticks, task.u64(StartTime), ctx.system.boot_ticks));
}

SortValue sort_cpu_seconds(const PrintContext& ctx, const TaskRef& task) {
  return real_value(static_cast<double>(own_cpu_ticks(task)) /
                    static_cast<double>(ctx.system.hertz));
}

SortValue sort_cpu_ticks(const PrintContext&, const TaskRef& task) {
  return unsigned_sort_value(own_cpu_ticks(task));
}

SortValue sort_elapsed(const PrintContext& ctx, const TaskRef& task) {
  const double age =
      static_cast<double>(ctx.system.boot_ticks) - static_cast<double>(task.u64(StartTime));
  return real_value(age > 0 ? age / static_cast<double>(ctx.system.hertz) : 0.0);
}

SortValue sort_state(const PrintContext&, const TaskRef& task) {
  return signed_sort_value(static_cast<signed char>(task.u64(State)));
}

SortValue sort_autogroup_id(const PrintContext&, const TaskRef& task) {
  return signed_sort_value(static_cast<std::int32_t>(task.i64(AutogroupId, -1)));
}

SortValue sort_login_uid(const PrintContext&, const TaskRef& task) {
  return signed_sort_value(static_cast<std::int32_t>(task.u64(LoginUid, ~std::uint64_t{0})));
}

SortValue sort_uss(const PrintContext&, const TaskRef& task) {
  return unsigned_sort_value(task.u64(SmapsPrivateClean) + task.u64(SmapsPrivateDirty));
}

SortValue sort_numa_node(const PrintContext& ctx, const TaskRef& task) {
  const std::uint64_t cpu = task.u64(Processor);
  const auto& nodes = ctx.system.numa_nodes;
  return signed_sort_value(cpu < nodes.size() ? nodes[cpu] : -1);
}

int compare_sort_values(const SortValue& a, const SortValue& b) {
  auto three_way = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (a.kind) {
    case SortValue::Kind::Signed:
      return three_way(a.signed_value, b.signed_value);
    case SortValue::Kind::Unsigned:
      return three_way(a.unsigned_value, b.unsigned_value);
    case SortValue::Kind::Real:
      return three_way(a.real_value, b.real_value);
    case SortValue::Kind::Text:
      return three_way(std::strcoll(a.text.c_str(), b.text.c_str()), 0);
    case SortValue::Kind::Version:
      return three_way(strverscmp(a.text.c_str(), b.text.c_str()), 0);
  }
  return 0;
}

}  // namespace td::ps
