// OOM scores, login uid, autogroup, proportional and unique set sizes, NUMA node, the
// systemd login columns and the LXC container name.
#include "printers.h"
#include "procps_items.h"
#include "text.h"
#include "value_format.h"

namespace td::ps {

using procscan::Field;
using procscan::TaskRef;

namespace {

// procps-ng prints these as a C int; the fallback is what libproc2 holds when the file
// could not be read (its proc_t is zeroed, or preset to -1 where noted).
int append_int(std::string& out, std::int64_t value) {
  return append_signed(out, static_cast<std::int32_t>(value));
}

int append_u64(std::string& out, std::uint64_t value) {
  return append_unsigned(out, value);
}

// ps prints the sd-login strings with snprintf(buf, 240, "%s"): unescaped, at most 239 bytes.
constexpr std::size_t kColumnBytes = 239;

int append_dash_or(std::string& out, std::string_view text) {
  if (text.empty()) text = "-";
  text = text.substr(0, kColumnBytes);
  out.append(text);
  return static_cast<int>(text.size());
}

int append_systemd_text(const TaskRef& task, Field field, std::string& out) {
  return append_dash_or(out, task.has(field) ? task.str(field) : std::string_view{});
}

}  // namespace

int print_oom(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_int(out, task.i64(Field::OomScore));
}
int print_oomadj(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_int(out, task.i64(Field::OomScoreAdj));
}

// readproc.c login_uid: atoi() of the file, -1 when unreadable; an unset loginuid
// (4294967295) wraps to -1 as well, and -1 prints as "-".
int print_luid(const PrintContext&, const TaskRef& task, std::string& out) {
  const auto luid = static_cast<std::int32_t>(task.u64(Field::LoginUid, ~std::uint64_t{0}));
  if (luid == -1) {
    out.push_back('-');
    return 1;
  }
  return append_int(out, luid);
}

// readproc.c autogroup_fill: the id is preset to -1, the nice value stays 0.
int print_agid(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_int(out, task.i64(Field::AutogroupId, -1));
}
int print_agnice(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_int(out, task.i64(Field::AutogroupNice));
}

int print_pss(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_u64(out, task.u64(Field::SmapsPss));
}
// libproc2 SMAP_PRV_TOTAL: Private_Clean + Private_Dirty.
int print_uss(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_u64(out, task.u64(Field::SmapsPrivateClean) + task.u64(Field::SmapsPrivateDirty));
}

int print_numa(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::uint64_t cpu = task.u64(Field::Processor);
  const auto& nodes = ctx.system.numa_nodes;
  return append_int(out, cpu < nodes.size() ? nodes[cpu] : -1);
}

int print_sd_unit(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_systemd_text(task, Field::SdUnit, out);
}
int print_sd_uunit(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_systemd_text(task, Field::SdUserUnit, out);
}
int print_sd_slice(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_systemd_text(task, Field::SdSlice, out);
}
int print_sd_machine(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_systemd_text(task, Field::SdMachine, out);
}
int print_sd_session(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_systemd_text(task, Field::SdSession, out);
}
int print_sd_seat(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_systemd_text(task, Field::SdSeat, out);
}
int print_sd_ouid(const PrintContext&, const TaskRef& task, std::string& out) {
  if (!task.has(Field::SdOwnerUid)) return append_dash_or(out, {});
  // readproc.c sd2proc prints the owner uid with "%d" (uid 4294967294 shows as -2).
  return append_int(out, static_cast<std::int32_t>(task.u64(Field::SdOwnerUid)));
}

int print_lxc(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  std::string name = common::lxc_name(task.str(Field::Cgroup));
  if (name.size() > kColumnBytes) name.resize(kColumnBytes);
  common::sanitize(name, ctx.text);
  out.append(name);
  return static_cast<int>(name.size());
}

}  // namespace td::ps
