// The printers and sort keys of the field table (top.c task_show and the libproc2 items
// behind each field), grouped by the kind of value: ids and numbers (cells_numbers.cpp),
// memory (cells_memory.cpp), CPU and time (cells_time.cpp), text (cells_text.cpp).
#pragma once

#include <cstdint>
#include <string>

#include "cell_context.h"
#include "cell_format.h"
#include "fields.h"
#include "procscan/field.h"

namespace td::top {

// libproc2 keeps most ids and small numbers as a C int (s_int) and uids as unsigned int.
inline long as_int(std::uint64_t raw) {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(raw));
}
inline long as_unsigned_int(std::uint64_t raw) {
  return static_cast<std::uint32_t>(raw);
}

CellStyle style_of(const CellContext& ctx);

// ---- ids and numbers (cells_numbers.cpp)
// make_num of an int field; `Suppressible` ones show blank for 0 under the '0' toggle.
template <procscan::Field F, bool Suppressible = false>
void int_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_num(out, as_int(v.task.u64(F)), style_of(ctx), Suppressible);
}
// make_num of a uid or gid, widened automatically (X -1) when cut.
template <procscan::Field F>
void id_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_num(out, as_unsigned_int(v.task.u64(F)), style_of(ctx), false, ctx.truncated);
}
// make_num of a namespace inode: widened when cut, blank for 0 under the '0' toggle.
template <procscan::Field F>
void inode_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_num(out, static_cast<long>(v.task.u64(F)), style_of(ctx), true, ctx.truncated);
}
template <procscan::Field F>
SortValue int_key(const CellContext&, const TaskView& v) {
  return {as_int(v.task.u64(F)), 0, {}};
}
template <procscan::Field F>
SortValue unsigned_key(const CellContext&, const TaskView& v) {
  return {static_cast<std::int64_t>(v.task.u64(F)), 0, {}};
}
template <procscan::Field F>
SortValue unsigned_int_key(const CellContext&, const TaskView& v) {
  return {as_unsigned_int(v.task.u64(F)), 0, {}};
}

void priority_cell(const CellContext&, const TaskView&, std::string&);
void state_cell(const CellContext&, const TaskView&, std::string&);
SortValue state_key(const CellContext&, const TaskView&);
void state_json(const CellContext&, const TaskView&, common::JsonWriter&);
// A percentage in JSON as top shows it: one decimal.
void json_percent(common::JsonWriter& json, float value);
void numa_node_cell(const CellContext&, const TaskView&, std::string&);
SortValue numa_node_key(const CellContext&, const TaskView&);
void login_id_cell(const CellContext&, const TaskView&, std::string&);
SortValue login_id_key(const CellContext&, const TaskView&);
void autogroup_id_cell(const CellContext&, const TaskView&, std::string&);
SortValue autogroup_id_key(const CellContext&, const TaskView&);
void flags_cell(const CellContext&, const TaskView&, std::string&);

// ---- memory and counts (cells_memory.cpp)
// scale_mem of a KiB value, from the least unit -e chose.
template <procscan::Field F>
void kib_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  scale_mem(out, ctx.frame->task_scale, static_cast<float>(v.task.u64(F)), style_of(ctx));
}
void dirty_cell(const CellContext&, const TaskView&, std::string&);
SortValue no_key(const CellContext&, const TaskView&);
// A statm figure in KiB: pages shifted as libproc2 does.
inline std::uint64_t statm_kib(const CellContext& ctx, const TaskView& v, procscan::Field f) {
  return v.task.u64(f) << ctx.frame->page_shift;
}
template <procscan::Field F>
void statm_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  scale_mem(out, ctx.frame->task_scale, static_cast<float>(statm_kib(ctx, v, F)), style_of(ctx));
}
template <procscan::Field F>
SortValue statm_key(const CellContext& ctx, const TaskView& v) {
  return {static_cast<std::int64_t>(statm_kib(ctx, v, F)), 0, {}};
}
void memory_percent_cell(const CellContext&, const TaskView&, std::string&);
void memory_percent_json(const CellContext&, const TaskView&, common::JsonWriter&);
void used_cell(const CellContext&, const TaskView&, std::string&);
SortValue used_key(const CellContext&, const TaskView&);
void uss_cell(const CellContext&, const TaskView&, std::string&);
SortValue uss_key(const CellContext&, const TaskView&);
// scale_num of a count (faults, I/O).
template <procscan::Field F>
void count_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  scale_num(out, static_cast<float>(v.task.u64(F)), style_of(ctx));
}
void major_delta_cell(const CellContext&, const TaskView&, std::string&);
void minor_delta_cell(const CellContext&, const TaskView&, std::string&);
SortValue major_delta_key(const CellContext&, const TaskView&);
SortValue minor_delta_key(const CellContext&, const TaskView&);

// ---- CPU and time (cells_time.cpp)
void cpu_cell(const CellContext&, const TaskView&, std::string&);
SortValue cpu_key(const CellContext&, const TaskView&);
void cpu_json(const CellContext&, const TaskView&, common::JsonWriter&);
// utime + stime, with the children's under 'S'.
std::uint64_t cpu_time_ticks(const CellContext&, const TaskView&);
void time_cell(const CellContext&, const TaskView&, std::string&);
SortValue time_key(const CellContext&, const TaskView&);
void time_json(const CellContext&, const TaskView&, common::JsonWriter&);
void started_cell(const CellContext&, const TaskView&, std::string&);
void started_json(const CellContext&, const TaskView&, common::JsonWriter&);
void elapsed_cell(const CellContext&, const TaskView&, std::string&);
SortValue elapsed_key(const CellContext&, const TaskView&);
void utilization_cell(const CellContext&, const TaskView&, std::string&);
SortValue utilization_key(const CellContext&, const TaskView&);
void utilization_children_cell(const CellContext&, const TaskView&, std::string&);
SortValue utilization_children_key(const CellContext&, const TaskView&);

// ---- text (cells_text.cpp)
// pwcache names: the user's name, or the number when it has none.
template <procscan::Field F>
void user_name_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  const std::string& name = ctx.names->users.name(as_unsigned_int(v.task.u64(F)));
  make_str_utf8(out, name, style_of(ctx), ctx.truncated);
}
template <procscan::Field F>
SortValue user_name_key(const CellContext& ctx, const TaskView& v) {
  return {0, 0, ctx.names->users.name(as_unsigned_int(v.task.u64(F)))};
}
void group_name_cell(const CellContext&, const TaskView&, std::string&);
SortValue group_name_key(const CellContext&, const TaskView&);
void tty_cell(const CellContext&, const TaskView&, std::string&);
SortValue tty_key(const CellContext&, const TaskView&);
void wchan_cell(const CellContext&, const TaskView&, std::string&);
SortValue wchan_key(const CellContext&, const TaskView&);
void lxc_cell(const CellContext&, const TaskView&, std::string&);
SortValue lxc_key(const CellContext&, const TaskView&);
void command_cell(const CellContext&, const TaskView&, std::string&);
SortValue command_key(const CellContext&, const TaskView&);
void command_json(const CellContext&, const TaskView&, common::JsonWriter&);
void cgroups_cell(const CellContext&, const TaskView&, std::string&);
SortValue cgroups_key(const CellContext&, const TaskView&);
void cgroup_name_cell(const CellContext&, const TaskView&, std::string&);
SortValue cgroup_name_key(const CellContext&, const TaskView&);
void supgids_cell(const CellContext&, const TaskView&, std::string&);
SortValue supgids_key(const CellContext&, const TaskView&);
void supgroups_cell(const CellContext&, const TaskView&, std::string&);
SortValue supgroups_key(const CellContext&, const TaskView&);
void environ_cell(const CellContext&, const TaskView&, std::string&);
SortValue environ_key(const CellContext&, const TaskView&);
void exe_cell(const CellContext&, const TaskView&, std::string&);
SortValue exe_key(const CellContext&, const TaskView&);

// libproc2's texts behind the text fields (also their sort keys and JSON values).
std::string command_text(const CellContext&, const TaskView&);

}  // namespace td::top
