// Ids, user and group names, terminal names.
#include "printers.h"
#include "value_format.h"

namespace td::ps {

using procscan::Field;
using procscan::TaskRef;

namespace {

// procps prints every id from a 32-bit slot, some as "%d", some as "%u".
int append_int32(std::string& out, std::uint64_t value) {
  return append_signed(out, static_cast<std::int32_t>(value));
}

int append_uint32(std::string& out, std::uint64_t value) {
  return append_unsigned(out, static_cast<std::uint32_t>(value));
}

// The procps buffer size bounds how much of a name the display pass may produce.
constexpr int kOutbufCells = 128 * 1024;

// A name after the display pass, from `last` when it holds this id.
template <typename Names>
const ShownName& shown_name(const PrintContext& ctx, Names& names, std::uint64_t id,
                            ShownName& last) {
  if (!last.valid || last.id != id || last.mode != ctx.text) {
    last.valid = true;
    last.id = id;
    last.mode = ctx.text;
    last.text.clear();
    last.cells = common::append_for_display(last.text, names.name(id), kOutbufCells, ctx.text);
  }
  return last;
}

int print_user(const PrintContext& ctx, const TaskRef& task, Field id_field, std::string& out) {
  const std::uint64_t id = task.u64(id_field);
  if (ctx.modes.user_is_number) return append_uint32(out, id);
  const ShownName& name = shown_name(ctx, ctx.names->users, id, ctx.names->user);
  return append_name_fitted(out, name.text, name.cells, id, ctx.max_cells);
}

int print_group(const PrintContext& ctx, const TaskRef& task, Field id_field, std::string& out) {
  const std::uint64_t id = task.u64(id_field);
  if (ctx.modes.user_is_number) return append_uint32(out, id);
  const ShownName& name = shown_name(ctx, ctx.names->groups, id, ctx.names->group);
  return append_name_fitted(out, name.text, name.cells, id, ctx.max_cells);
}

}  // namespace

int print_tgid(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_int32(out, task.u64(Field::Tgid));
}
int print_tid(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_int32(out, task.u64(Field::Tid));
}
int print_ppid(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_uint32(out, task.u64(Field::Ppid));
}
int print_pgid(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_uint32(out, task.u64(Field::Pgid));
}
int print_sid(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_int32(out, task.u64(Field::Sid));
}
int print_tpgid(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_int32(out, static_cast<std::uint64_t>(task.i64(Field::Tpgid, -1)));
}
int print_nlwp(const PrintContext&, const TaskRef& task, std::string& out) {
  // readproc counts a task without a thread count as one thread.
  const std::uint64_t threads = task.u64(Field::NumThreads);
  return append_int32(out, threads ? threads : 1);
}

int print_euser(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  return print_user(ctx, task, Field::Euid, out);
}
int print_ruser(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  return print_user(ctx, task, Field::Ruid, out);
}
int print_suser(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  return print_user(ctx, task, Field::Suid, out);
}
int print_fuser(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  return print_user(ctx, task, Field::Fsuid, out);
}
int print_egroup(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  return print_group(ctx, task, Field::Egid, out);
}
int print_rgroup(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  return print_group(ctx, task, Field::Rgid, out);
}
int print_sgroup(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  return print_group(ctx, task, Field::Sgid, out);
}
int print_fgroup(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  return print_group(ctx, task, Field::Fsgid, out);
}

int print_euid(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_int32(out, task.u64(Field::Euid));
}
int print_ruid(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_int32(out, task.u64(Field::Ruid));
}
int print_suid(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_int32(out, task.u64(Field::Suid));
}
int print_fuid(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_int32(out, task.u64(Field::Fsuid));
}
int print_egid(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_int32(out, task.u64(Field::Egid));
}
int print_rgid(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_int32(out, task.u64(Field::Rgid));
}
int print_sgid(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_int32(out, task.u64(Field::Sgid));
}
int print_fgid(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_int32(out, task.u64(Field::Fsgid));
}

namespace {
// The task whose fd links may name its terminal (libproc2 passes the tid).
pid_t task_id(const TaskRef& task) {
  return static_cast<pid_t>(task.u64(Field::Tid));
}
}  // namespace

int print_tty8(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::string& name = ctx.names->ttys.name(task.u64(Field::TtyNr), task_id(task));
  out.append(name);
  return static_cast<int>(name.size());
}

int print_tty4(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  // devname.c ABBREV_TTY then ABBREV_PTS, each only when something is left after it.
  std::string_view name = ctx.names->ttys.name(task.u64(Field::TtyNr), task_id(task));
  if (name.starts_with("tty") && name.size() > 3) name.remove_prefix(3);
  if (name.starts_with("pts/") && name.size() > 4) name.remove_prefix(4);
  out.append(name);
  return static_cast<int>(name.size());
}

}  // namespace td::ps
