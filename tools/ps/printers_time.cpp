// CPU use, CPU time, elapsed time and start time.
#include "printers.h"
#include "value_format.h"

namespace td::ps {

using procscan::Field;
using procscan::TaskRef;

namespace {

int appended(const std::string& out, std::size_t before) {
  return static_cast<int>(out.size() - before);
}

double utilization(const PrintContext& ctx, const TaskRef& task, bool with_children) {
  std::uint64_t ticks = task.u64(Field::Utime) + task.u64(Field::Stime);
  if (with_children) ticks += task.u64(Field::Cutime) + task.u64(Field::Cstime);
  return cpu_utilization(ticks, task.u64(Field::StartTime), ctx.system.boot_ticks);
}

double utilization(const PrintContext& ctx, const TaskRef& task) {
  return utilization(ctx, task, ctx.modes.include_dead_children);
}

}  // namespace

std::uint64_t cpu_ticks(const PrintContext& ctx, const TaskRef& task) {
  std::uint64_t ticks = task.u64(Field::Utime) + task.u64(Field::Stime);
  if (ctx.modes.include_dead_children) ticks += task.u64(Field::Cutime) + task.u64(Field::Cstime);
  return ticks;
}

// libproc2 TIME_ELAPSED: (boot ticks - start ticks) / Hz as a double, 0 when not positive.
std::uint64_t elapsed_seconds(const PrintContext& ctx, const TaskRef& task) {
  const double age =
      static_cast<double>(ctx.system.boot_ticks) - static_cast<double>(task.u64(Field::StartTime));
  if (!(age > 0)) return 0;
  return static_cast<std::uint64_t>(age / static_cast<double>(ctx.system.hertz));
}

std::time_t start_time(const PrintContext& ctx, const TaskRef& task) {
  return static_cast<std::time_t>(ctx.system.boot_time +
                                  task.u64(Field::StartTime) /
                                      static_cast<std::uint64_t>(ctx.system.hertz));
}

int print_pcpu(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::size_t before = out.size();
  append_pcpu(out, utilization(ctx, task));
  return appended(out, before);
}

int print_c(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::size_t before = out.size();
  append_c(out, utilization(ctx, task));
  return appended(out, before);
}

int print_cp(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::size_t before = out.size();
  append_cp(out, utilization(ctx, task));
  return appended(out, before);
}

int print_cuu(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::size_t before = out.size();
  append_utilization(out, utilization(ctx, task, false));
  return appended(out, before);
}

int print_cuc(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::size_t before = out.size();
  append_utilization(out, utilization(ctx, task, true));
  return appended(out, before);
}

int print_time(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  // "time" never counts children, whatever S says.
  const std::size_t before = out.size();
  const std::uint64_t ticks = task.u64(Field::Utime) + task.u64(Field::Stime);
  append_cputime(out, ticks / static_cast<std::uint64_t>(ctx.system.hertz));
  return appended(out, before);
}

int print_times(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::uint64_t ticks = task.u64(Field::Utime) + task.u64(Field::Stime);
  return append_unsigned(out, ticks / static_cast<std::uint64_t>(ctx.system.hertz));
}

int print_bsdtime(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::size_t before = out.size();
  append_bsdtime(out, cpu_ticks(ctx, task) / static_cast<std::uint64_t>(ctx.system.hertz));
  return appended(out, before);
}

int print_etime(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::size_t before = out.size();
  append_elapsed(out, elapsed_seconds(ctx, task));
  return appended(out, before);
}

int print_etimes(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  return append_unsigned(out, static_cast<std::uint32_t>(elapsed_seconds(ctx, task)));
}

int print_start(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::size_t before = out.size();
  ctx.names->start_times.append_start(out, start_time(ctx, task), ctx.system.now);
  return appended(out, before);
}

int print_stime(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::size_t before = out.size();
  ctx.names->start_times.append_stime(out, start_time(ctx, task), ctx.system.now);
  return appended(out, before);
}

int print_bsdstart(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::size_t before = out.size();
  ctx.names->start_times.append_bsdstart(out, start_time(ctx, task), ctx.system.now);
  return appended(out, before);
}

int print_lstart(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::size_t before = out.size();
  ctx.names->start_times.append_lstart(out, start_time(ctx, task));
  return appended(out, before);
}

}  // namespace td::ps
