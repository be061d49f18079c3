// --json: one object per frame, on a line of its own (man/tdtop.1, JSON OUTPUT).
#include <cstdio>

#include "cells.h"
#include "frame.h"
#include "json_writer.h"
#include "procscan/field.h"
#include "task_order.h"

namespace td::top {

namespace {

void field_value(common::JsonWriter& json, const FieldSpec& spec, const CellContext& ctx,
                 const TaskView& task) {
  if (spec.json) {
    spec.json(ctx, task, json);
    return;
  }
  const SortValue value = spec.sort_key(ctx, task);
  switch (spec.sort_kind) {
    case SortKind::SignedInt:
      json.number(value.number);
      break;
    case SortKind::Unsigned:
      json.number(static_cast<std::uint64_t>(value.number));
      break;
    case SortKind::Real:
      json.number(value.real);
      break;
    case SortKind::Text:
    case SortKind::Version:
      json.string(value.text);
      break;
    case SortKind::None:
      json.number(std::uint64_t{0});
      break;
  }
}

}  // namespace

void FrameMaker::append_json(std::string& out, const procscan::Refresh& refresh, int number) {
  FrameTasks frame = collect(refresh);
  const FrameFacts facts = frame_facts(refresh);
  const SummaryInput in = summary_input(refresh, frame);
  common::JsonWriter json(out);
  json.begin_object();
  json.key("frame");
  json.number(static_cast<std::int64_t>(number));
  json.key("time");
  json.number(static_cast<std::int64_t>(in.now));
  json.key("uptime");
  json.number(in.uptime_seconds);
  json.key("users");
  json.number(static_cast<std::int64_t>(in.users));
  json.key("load_average");
  json.begin_array();
  for (double load : in.load)
    json.number(load);
  json.end_array();

  json.key(in.threads ? "threads" : "tasks");
  json.begin_object();
  const std::pair<const char*, unsigned> counts[] = {{"total", in.counts.total},
                                                     {"running", in.counts.running},
                                                     {"sleeping", in.counts.sleeping},
                                                     {"stopped", in.counts.stopped},
                                                     {"zombie", in.counts.zombie}};
  for (const auto& [name, value] : counts) {
    json.key(name);
    json.number(static_cast<std::uint64_t>(value));
  }
  json.end_object();

  static constexpr const char* kShares[] = {"us", "sy", "ni", "id", "wa", "hi", "si", "st"};
  auto shares = [&](const CpuDelta& delta) {
    const auto p = cpu_percentages(delta);
    for (std::size_t i = 0; i < p.size(); ++i) {
      json.key(kShares[i]);
      json_percent(json, p[i]);
    }
  };
  json.key("cpu");
  json.begin_object();
  shares(in.all_cpus);
  json.end_object();
  json.key("cpus");
  json.begin_array();
  for (const CpuDelta& cpu : in.cpus) {
    json.begin_object();
    json.key("cpu");
    json.number(static_cast<std::int64_t>(cpu.id));
    shares(cpu);
    json.end_object();
  }
  json.end_array();

  const MemoryUse use = memory_use(in.memory);
  json.key("memory");
  json.begin_object();
  const std::pair<const char*, std::uint64_t> memory[] = {{"total", in.memory.total},
                                                          {"free", in.memory.free},
                                                          {"used", use.used},
                                                          {"buff_cache", use.cache},
                                                          {"available", use.available}};
  for (const auto& [name, value] : memory) {
    json.key(name);
    json.number(value);
  }
  json.end_object();
  json.key("swap");
  json.begin_object();
  const std::pair<const char*, std::uint64_t> swap[] = {
      {"total", in.memory.swap_total}, {"free", in.memory.swap_free}, {"used", use.swap_used}};
  for (const auto& [name, value] : swap) {
    json.key(name);
    json.number(value);
  }
  json.end_object();

  // The current window's tasks, in its order, through its filters, with all its shown
  // fields (the screen's width does not cut them).
  const WindowConfig& w = config_.windows[static_cast<std::size_t>(config_.current_window)];
  const std::vector<FieldId> fields = visible_fields(w);
  json.key("fields");
  json.begin_array();
  for (FieldId field : fields)
    json.string(field_spec(field).header);
  json.end_array();

  const ColumnLayout layout = lay_out_columns(w, widths_, facts_.columns, false, 1);
  WindowPrint print;
  print.window = &w;
  print.layout = &layout;
  print.frame = &facts;
  print.names = &names_;
  print.user = run_.user;
  CellContext ctx;
  ctx.frame = &facts;
  ctx.modes = {(w.flags & kShowCommandLine) != 0, (w.flags & kShowCumulative) != 0,
               (w.flags & kShowForest) != 0};
  ctx.names = &names_;
  std::vector<TaskView>& tasks = frame.tasks;
  const std::vector<std::size_t> order =
      (w.flags & kShowForest) ? forest_order(tasks)
                              : sorted_order(tasks, static_cast<FieldId>(w.sort_field),
                                             (w.flags & kSortHighFirst) != 0, ctx);
  std::array<bool, kFieldCount> cut{};
  json.key("rows");
  json.begin_array();
  int shown = 0;
  for (std::size_t index : order) {
    if (w.max_tasks && shown >= w.max_tasks) break;
    const TaskView& task = tasks[index];
    if (!(w.flags & kShowIdle) && task.cpu_ticks == 0) continue;
    if (!passes_user_filter(run_.user, task)) continue;
    if (!w.filters.empty() && !task_row(print, task, cut)) continue;
    json.begin_object();
    for (FieldId field : fields) {
      json.key(field_spec(field).header);
      field_value(json, field_spec(field), ctx, task);
    }
    json.end_object();
    ++shown;
  }
  json.end_array();
  json.end_object();
  out.push_back('\n');
}

}  // namespace td::top
