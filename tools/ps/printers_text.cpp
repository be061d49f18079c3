// Command text and the other process-controlled strings.
#include <algorithm>

#include "forest.h"
#include "printers.h"
#include "procps_items.h"
#include "procps_text.h"

namespace td::ps {

using procscan::Field;
using procscan::TaskRef;

namespace {

constexpr std::size_t kOutbufBytes = 128 * 1024;

int append_display(const PrintContext& ctx, std::string_view text, int max_cells,
                   std::string& out) {
  return common::append_for_display(out, text, max_cells, ctx.text, kOutbufBytes);
}

// BSD "e": the environment after the command, when at least two cells are left.
int append_environment(const PrintContext& ctx, const TaskRef& task, int used, std::string& out) {
  if (!ctx.modes.bsd_e || ctx.max_cells - used <= 1) return used;
  const std::string env = common::procps_environment(task.str(Field::Environ), ctx.text);
  if (env == "-") return used;
  out.push_back(' ');
  return used + 1 + append_display(ctx, env, ctx.max_cells - used - 1, out);
}

// Forest art, then the command text in the cells left, then the environment.
int print_command_text(const PrintContext& ctx, const TaskRef& task, std::string_view text,
                       std::string& out) {
  int used = append_forest_art(out, ctx.forest_prefix, ctx.forest_type, ctx.max_cells);
  used += append_display(ctx, text, ctx.max_cells - used, out);
  return append_environment(ctx, task, used, out);
}

// 4.0.2 shows a zombie's name without " <defunct>" here (4.0.5 added it back).
int print_command_name(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  return print_command_text(ctx, task, task_command_name(ctx, task), out);
}

// task_command_line() without a copy: the text stays in ctx.names, which every thread
// line of a process hits, until the next call. Without ctx.names, made in `scratch`.
std::string_view command_line_text(const PrintContext& ctx, const TaskRef& task,
                                   std::string& scratch) {
  const std::string_view raw = task.str(Field::Cmdline);
  if (ctx.names) {
    LastCommandLine& last = ctx.names->command_line;
    if (last.raw != raw || last.mode != ctx.text) {
      last.mode = ctx.text;
      last.raw.assign(raw);
      last.text = common::procps_command_line(raw, ctx.text);
    }
    if (last.text) return *last.text;
  } else if (auto line = common::procps_command_line(raw, ctx.text)) {
    scratch = std::move(*line);
    return scratch;
  }
  const bool zombie = task.u64(Field::State) == 'Z';
  scratch = common::procps_bracketed_name(task_command_name(ctx, task), zombie, ctx.text);
  return scratch;
}

int print_command_line(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  std::string scratch;
  return print_command_text(ctx, task, command_line_text(ctx, task, scratch), out);
}

}  // namespace

std::string task_command_name(const PrintContext& ctx, const TaskRef& task) {
  return common::procps_command_name(task.str(Field::Comm), ctx.text);
}

// libproc2's CMDLINE item: the cleaned command line, or "[comm]" (and " <defunct>").
std::string task_command_line(const PrintContext& ctx, const TaskRef& task) {
  std::string scratch;
  return std::string(command_line_text(ctx, task, scratch));
}

int print_args(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  return ctx.modes.bsd_c ? print_command_name(ctx, task, out) : print_command_line(ctx, task, out);
}

int print_comm(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  return ctx.modes.unix_f ? print_command_line(ctx, task, out) : print_command_name(ctx, task, out);
}

int print_fname(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  // SunOS fname: the name in at most 8 cells after the tree art, never the environment.
  // procps then reports the column's room as used, less what the 8 cells left unused,
  // which moves the following columns for a wide fname ("fname:20").
  const int art = append_forest_art(out, ctx.forest_prefix, ctx.forest_type, ctx.max_cells);
  const int room = std::min(ctx.max_cells - art, 8);
  const int cells = append_display(ctx, task_command_name(ctx, task), room, out);
  return ctx.max_cells - (room - cells);
}

int print_exe(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  if (!task.has(Field::Exe)) {
    out.push_back('-');
    return 1;
  }
  std::string path(task.str(Field::Exe));
  common::sanitize(path, ctx.text);
  return append_display(ctx, path, ctx.max_cells, out);
}

int print_cgroup(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::string text = common::cgroup_text(task.str(Field::Cgroup), ctx.text);
  return append_display(ctx, text, ctx.max_cells, out);
}

int print_cgname(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::string text = common::cgroup_text(task.str(Field::Cgroup), ctx.text);
  return append_display(ctx, common::cgroup_name(text), ctx.max_cells, out);
}

int print_supgid(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::string list = common::supplementary_gids(task.str(Field::SupGroups));
  const std::size_t keep = std::min(list.size(), static_cast<std::size_t>(ctx.max_cells));
  out.append(list, 0, keep);
  return static_cast<int>(keep);
}

int print_supgrp(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::string list = common::supplementary_groups(
      task.str(Field::SupGroups),
      [&](std::uint64_t gid) -> const std::string& { return ctx.names->groups.name(gid); });
  return append_display(ctx, list, ctx.max_cells, out);
}

int print_label(const PrintContext&, const TaskRef& task, std::string& out) {
  // output.c pr_context without libselinux: attr/current up to its first unprintable byte.
  std::string_view label = task.str(Field::SecurityLabel);
  std::size_t len = 0;
  while (len < label.size() && label[len] >= 0x20 && label[len] < 0x7f)
    ++len;
  if (len == 0) {
    out.push_back('-');
    return 1;
  }
  out.append(label.substr(0, len));
  return static_cast<int>(len);
}

}  // namespace td::ps
