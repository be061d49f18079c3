// Memory sizes, %MEM, and counts of faults and I/O.
#include "cells.h"

namespace td::top {

using procscan::Field;

// nDRT: libproc2 has no item for it any more (always 0 since Linux 2.6); top prints 0 with
// no unit of its own, and sorting on it keeps the rows' order.
void dirty_cell(const CellContext& ctx, const TaskView&, std::string& out) {
  scale_mem(out, -1, 0.0f, style_of(ctx));
}

SortValue no_key(const CellContext&, const TaskView&) {
  return {};
}

namespace {

// RES * 100 / MemTotal in float, as top computes it.
float memory_percent(const CellContext& ctx, const TaskView& v) {
  const float resident = static_cast<float>(statm_kib(ctx, v, Field::StatmResident));
  return resident * 100 / static_cast<float>(ctx.frame->mem_total_kib);
}

std::uint64_t used_kib(const TaskView& v) {
  return v.task.u64(Field::VmSwap) + v.task.u64(Field::VmRss);
}

std::uint64_t uss_kib(const TaskView& v) {
  return v.task.u64(Field::SmapsPrivateClean) + v.task.u64(Field::SmapsPrivateDirty);
}

}  // namespace

void memory_percent_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  scale_pcnt(out, memory_percent(ctx, v), style_of(ctx));
}

void memory_percent_json(const CellContext& ctx, const TaskView& v, common::JsonWriter& json) {
  json_percent(json, memory_percent(ctx, v));
}

// libproc2 VM_USED: VmSwap + VmRSS.
void used_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  scale_mem(out, ctx.frame->task_scale, static_cast<float>(used_kib(v)), style_of(ctx));
}

SortValue used_key(const CellContext&, const TaskView& v) {
  return {static_cast<std::int64_t>(used_kib(v)), 0, {}};
}

// libproc2 SMAP_PRV_TOTAL: Private_Clean + Private_Dirty.
void uss_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  scale_mem(out, ctx.frame->task_scale, static_cast<float>(uss_kib(v)), style_of(ctx));
}

SortValue uss_key(const CellContext&, const TaskView& v) {
  return {static_cast<std::int64_t>(uss_kib(v)), 0, {}};
}

void major_delta_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  scale_num(out, static_cast<float>(v.major_faults), style_of(ctx));
}

void minor_delta_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  scale_num(out, static_cast<float>(v.minor_faults), style_of(ctx));
}

SortValue major_delta_key(const CellContext&, const TaskView& v) {
  return {v.major_faults, 0, {}};
}

SortValue minor_delta_key(const CellContext&, const TaskView& v) {
  return {v.minor_faults, 0, {}};
}

}  // namespace td::top
