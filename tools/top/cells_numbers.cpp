// Ids, priorities, states and other small numbers.
#include <cstdio>

#include "cells.h"

namespace td::top {

using procscan::Field;

CellStyle style_of(const CellContext& ctx) {
  return {ctx.width, ctx.right, ctx.frame->zero_suppress};
}

// top shows "rt" for a priority outside -99..999: the real-time tasks' -100.
void priority_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  const long priority = as_int(v.task.u64(Field::Priority));
  if (-99 > priority || 999 < priority)
    make_str(out, "rt", style_of(ctx));
  else
    make_num(out, priority, style_of(ctx), false);
}

void state_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_chr(out, static_cast<char>(v.task.u64(Field::State, '?')), style_of(ctx));
}

void state_json(const CellContext&, const TaskView& v, common::JsonWriter& json) {
  json.string(std::string(1, static_cast<char>(v.task.u64(Field::State, '?'))));
}

void json_percent(common::JsonWriter& json, float value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.1f", static_cast<double>(value));
  json.number_text(text);
}

SortValue state_key(const CellContext&, const TaskView& v) {
  return {static_cast<signed char>(v.task.u64(Field::State)), 0, {}};
}

namespace {

// libnuma's numa_node_of_cpu() for the task's last CPU; -1 without libnuma.
long numa_node(const CellContext& ctx, const TaskView& v) {
  const std::uint64_t cpu = v.task.u64(Field::Processor);
  const auto& nodes = ctx.frame->numa_nodes;
  return cpu < nodes.size() ? nodes[cpu] : -1;
}

}  // namespace

void numa_node_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_num(out, numa_node(ctx, v), style_of(ctx), false);
}

SortValue numa_node_key(const CellContext& ctx, const TaskView& v) {
  return {numa_node(ctx, v), 0, {}};
}

// readproc.c login_uid: atoi() of the file, -1 when unreadable (an unset 4294967295 is -1
// too); widened automatically when cut.
void login_id_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_num(out, as_int(v.task.u64(Field::LoginUid, ~std::uint64_t{0})), style_of(ctx), false,
           ctx.truncated);
}

SortValue login_id_key(const CellContext&, const TaskView& v) {
  return {as_int(v.task.u64(Field::LoginUid, ~std::uint64_t{0})), 0, {}};
}

// readproc.c autogroup_fill presets the id to -1.
void autogroup_id_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_num(out, as_int(v.task.u64(Field::AutogroupId, ~std::uint64_t{0})), style_of(ctx), false);
}

SortValue autogroup_id_key(const CellContext&, const TaskView& v) {
  return {as_int(v.task.u64(Field::AutogroupId, ~std::uint64_t{0})), 0, {}};
}

void flags_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_str(out, hex_dotted(static_cast<unsigned long>(v.task.u64(Field::Flags))), style_of(ctx));
}

}  // namespace td::top
