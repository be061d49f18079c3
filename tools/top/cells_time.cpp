// %CPU, CPU times, start and elapsed times, lifetime utilization.
#include "cells.h"

namespace td::top {

using procscan::Field;

namespace {

// top.c task_show EU_CPU, in float as top computes it: the ticks of this interval scaled to
// percent, at most 100 per thread and at most the most a task can show (Cpu_pmax).
float cpu_percent(const CellContext& ctx, const TaskView& v) {
  const long threads = as_int(v.task.u64(Field::NumThreads));
  float u = static_cast<float>(v.cpu_ticks);
  u *= ctx.frame->cpu_scale;
  if (u > 100.0 * threads) u = static_cast<float>(100.0 * threads);
  if (u > ctx.frame->cpu_max) u = ctx.frame->cpu_max;
  return u;
}

// libproc2 TIME_ELAPSED: seconds since the start, unset (0 here) for a task younger than a
// tick.
double elapsed_seconds(const CellContext& ctx, const TaskView& v) {
  const double t = static_cast<double>(ctx.frame->boot_ticks - v.task.u64(Field::StartTime));
  return t > 0 ? t / static_cast<double>(ctx.frame->hertz) : 0;
}

// libproc2 UTILIZATION(_C): CPU ticks * 100 over the ticks since the start, the product in
// float as the library computes it.
double utilization(const CellContext& ctx, const TaskView& v, bool children) {
  std::uint64_t ticks = v.task.u64(Field::Utime) + v.task.u64(Field::Stime);
  if (children) ticks += v.task.u64(Field::Cutime) + v.task.u64(Field::Cstime);
  const double t = static_cast<double>(ctx.frame->boot_ticks - v.task.u64(Field::StartTime));
  if (!(t > 0)) return 0;
  return static_cast<double>(static_cast<float>(ticks) * 100.0f) / t;
}

}  // namespace

void cpu_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  scale_pcnt(out, cpu_percent(ctx, v), style_of(ctx));
}

SortValue cpu_key(const CellContext&, const TaskView& v) {
  return {v.cpu_ticks, 0, {}};
}

void cpu_json(const CellContext& ctx, const TaskView& v, common::JsonWriter& json) {
  json_percent(json, cpu_percent(ctx, v));
}

std::uint64_t cpu_time_ticks(const CellContext& ctx, const TaskView& v) {
  std::uint64_t ticks = v.task.u64(Field::Utime) + v.task.u64(Field::Stime);
  if (ctx.modes.cumulative) ticks += v.task.u64(Field::Cutime) + v.task.u64(Field::Cstime);
  return ticks;
}

void time_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  scale_tics(out, cpu_time_ticks(ctx, v), ctx.frame->hertz, TimeForm::Seconds,
             ctx.frame->tics_scaled, style_of(ctx));
}

SortValue time_key(const CellContext& ctx, const TaskView& v) {
  return {static_cast<std::int64_t>(cpu_time_ticks(ctx, v)), 0, {}};
}

void time_json(const CellContext& ctx, const TaskView& v, common::JsonWriter& json) {
  json.number(static_cast<double>(cpu_time_ticks(ctx, v)) / static_cast<double>(ctx.frame->hertz));
}

void started_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  scale_tics(out, v.task.u64(Field::StartTime), ctx.frame->hertz, TimeForm::Minutes,
             ctx.frame->tics_scaled, style_of(ctx));
}

void started_json(const CellContext& ctx, const TaskView& v, common::JsonWriter& json) {
  json.number(static_cast<double>(v.task.u64(Field::StartTime)) /
              static_cast<double>(ctx.frame->hertz));
}

void elapsed_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  const auto ticks =
      static_cast<std::uint64_t>(elapsed_seconds(ctx, v) * static_cast<double>(ctx.frame->hertz));
  scale_tics(out, ticks, ctx.frame->hertz, TimeForm::Hours, ctx.frame->tics_scaled, style_of(ctx));
}

SortValue elapsed_key(const CellContext& ctx, const TaskView& v) {
  return {0, elapsed_seconds(ctx, v), {}};
}

void utilization_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  scale_pcnt(out, static_cast<float>(utilization(ctx, v, false)), style_of(ctx), true);
}

SortValue utilization_key(const CellContext& ctx, const TaskView& v) {
  return {0, utilization(ctx, v, false), {}};
}

void utilization_children_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  scale_pcnt(out, static_cast<float>(utilization(ctx, v, true)), style_of(ctx), true);
}

SortValue utilization_children_key(const CellContext& ctx, const TaskView& v) {
  return {0, utilization(ctx, v, true), {}};
}

}  // namespace td::top
