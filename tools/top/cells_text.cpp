// Names, terminals, wait channels, the command and the other texts.
#include <algorithm>

#include "cells.h"
#include "procps_items.h"
#include "procps_text.h"
#include "utf8_cells.h"

namespace td::top {

using procscan::Field;

namespace {

// forest_display's buffer (MAXBUFSIZ): the art and the command together keep 128 KiB - 1.
constexpr std::size_t kForestBuffer = 128 * 1024 - 1;

// task_show's makeVAR and varUTF8: a variable column scrolled sideways (varcolbeg) shows
// its text from that byte, or that column, on; nothing when the text is shorter.
std::string_view shifted_bytes(const CellContext& ctx, std::string_view text) {
  const auto offset = static_cast<std::size_t>(ctx.text_offset);
  if (!offset) return text;
  return offset < text.size() ? text.substr(offset) : std::string_view();
}

std::string_view shifted_columns(const CellContext& ctx, std::string_view text) {
  if (!ctx.text_offset) return text;
  const int columns = static_cast<int>(text.size()) - utf8_delta(text);
  if (ctx.text_offset >= columns) return {};
  return text.substr(static_cast<std::size_t>(utf8_embody(text, ctx.text_offset)));
}

SortValue text_value(std::string text) {
  return {0, 0, std::move(text)};
}

const std::string& group_name(const CellContext& ctx, const TaskView& v) {
  return ctx.names->groups.name(as_unsigned_int(v.task.u64(Field::Egid)));
}

const std::string& tty_name(const CellContext& ctx, const TaskView& v) {
  return ctx.names->ttys.name(v.task.u64(Field::TtyNr), static_cast<pid_t>(v.task.u64(Field::Tid)));
}

std::string_view wchan_text(const TaskView& v) {
  return common::wchan_name(v.task.str(Field::Wchan), v.task.has(Field::Wchan));
}

// The libproc2 CMD item: the command name, cleaned.
std::string command_name(const CellContext& ctx, const TaskView& v) {
  return common::procps_command_name(v.task.str(Field::Comm), ctx.frame->text);
}

// The libproc2 CMDLINE item: the cleaned command line, else "[name]" (" <defunct>" for a
// zombie).
std::string command_line(const CellContext& ctx, const TaskView& v) {
  if (auto line = common::procps_command_line(v.task.str(Field::Cmdline), ctx.frame->text))
    return std::move(*line);
  return common::procps_bracketed_name(command_name(ctx, v), v.task.u64(Field::State) == 'Z',
                                       ctx.frame->text);
}

std::string cgroups(const CellContext& ctx, const TaskView& v) {
  return common::cgroup_text(v.task.str(Field::Cgroup), ctx.frame->text);
}

std::string supgroups(const CellContext& ctx, const TaskView& v) {
  return common::supplementary_groups(
      v.task.str(Field::SupGroups),
      [&](std::uint64_t gid) -> const std::string& { return ctx.names->groups.name(gid); });
}

// readproc.c fill_environ_cvt: the cleaned environment, "-" when empty or unreadable.
std::string environment(const CellContext& ctx, const TaskView& v) {
  return common::procps_environment(v.task.str(Field::Environ), ctx.frame->text);
}

// readproc.c readlink_exe: the cleaned link target, "-" when unreadable.
std::string exe_path(const CellContext& ctx, const TaskView& v) {
  if (!v.task.has(Field::Exe) || v.task.str(Field::Exe).empty()) return "-";
  std::string path(v.task.str(Field::Exe));
  common::sanitize(path, ctx.frame->text);
  return path;
}

}  // namespace

std::string command_text(const CellContext& ctx, const TaskView& v) {
  return ctx.modes.command_line ? command_line(ctx, v) : command_name(ctx, v);
}

void group_name_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_str_utf8(out, group_name(ctx, v), style_of(ctx), ctx.truncated);
}

SortValue group_name_key(const CellContext& ctx, const TaskView& v) {
  return text_value(group_name(ctx, v));
}

void tty_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_str(out, tty_name(ctx, v), style_of(ctx), ctx.truncated);
}

SortValue tty_key(const CellContext& ctx, const TaskView& v) {
  return text_value(tty_name(ctx, v));
}

void wchan_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_str(out, wchan_text(v), style_of(ctx), ctx.truncated);
}

SortValue wchan_key(const CellContext&, const TaskView& v) {
  return text_value(std::string(wchan_text(v)));
}

void lxc_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_str(out, common::lxc_name(v.task.str(Field::Cgroup)), style_of(ctx), ctx.truncated);
}

SortValue lxc_key(const CellContext&, const TaskView& v) {
  return text_value(common::lxc_name(v.task.str(Field::Cgroup)));
}

// top.c forest_display: below the roots, the command follows " `- " right-justified in
// four columns per level (a level past 100 shows " +  " in 400).
void command_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  std::string text = command_text(ctx, v);
  if (ctx.modes.forest && v.level > 0) {
    const bool deep = v.level > 100;
    const std::string_view art = deep ? " +  " : " `- ";
    const std::size_t room = deep ? 400 : static_cast<std::size_t>(4 * v.level);
    std::string decorated(room > art.size() ? room - art.size() : 0, ' ');
    decorated.append(art);
    decorated.append(text);
    if (decorated.size() > kForestBuffer) decorated.resize(kForestBuffer);
    text = std::move(decorated);
  }
  make_str_utf8(out, shifted_columns(ctx, text), style_of(ctx));
}

SortValue command_key(const CellContext& ctx, const TaskView& v) {
  return text_value(command_text(ctx, v));
}

// --json: the kernel's bytes, not cleaned for a terminal: the command line with its
// arguments joined by blanks ("[name]" when it has none), or the name.
void command_json(const CellContext& ctx, const TaskView& v, common::JsonWriter& json) {
  const std::string_view name = v.task.str(Field::Comm);
  if (!ctx.modes.command_line) {
    json.string(name);
    return;
  }
  std::string_view raw = v.task.str(Field::Cmdline);
  while (!raw.empty() && raw.back() == '\0')
    raw.remove_suffix(1);
  if (raw.empty()) {
    const bool zombie = v.task.u64(Field::State) == 'Z';
    json.string("[" + std::string(name) + "]" + (zombie ? " <defunct>" : ""));
    return;
  }
  std::string line(raw);
  std::replace(line.begin(), line.end(), '\0', ' ');
  json.string(line);
}

void cgroups_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_str_utf8(out, shifted_columns(ctx, cgroups(ctx, v)), style_of(ctx));
}

SortValue cgroups_key(const CellContext& ctx, const TaskView& v) {
  return text_value(cgroups(ctx, v));
}

void cgroup_name_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_str_utf8(out, shifted_columns(ctx, common::cgroup_name(cgroups(ctx, v))), style_of(ctx));
}

SortValue cgroup_name_key(const CellContext& ctx, const TaskView& v) {
  return text_value(std::string(common::cgroup_name(cgroups(ctx, v))));
}

void supgids_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_str(out, shifted_bytes(ctx, common::supplementary_gids(v.task.str(Field::SupGroups))),
           style_of(ctx));
}

SortValue supgids_key(const CellContext&, const TaskView& v) {
  return text_value(common::supplementary_gids(v.task.str(Field::SupGroups)));
}

void supgroups_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_str_utf8(out, shifted_columns(ctx, supgroups(ctx, v)), style_of(ctx));
}

SortValue supgroups_key(const CellContext& ctx, const TaskView& v) {
  return text_value(supgroups(ctx, v));
}

void environ_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_str_utf8(out, shifted_columns(ctx, environment(ctx, v)), style_of(ctx));
}

SortValue environ_key(const CellContext& ctx, const TaskView& v) {
  return text_value(environment(ctx, v));
}

void exe_cell(const CellContext& ctx, const TaskView& v, std::string& out) {
  make_str_utf8(out, shifted_columns(ctx, exe_path(ctx, v)), style_of(ctx));
}

SortValue exe_key(const CellContext& ctx, const TaskView& v) {
  return text_value(exe_path(ctx, v));
}

}  // namespace td::top
