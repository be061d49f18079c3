#include "task_area.h"

#include <algorithm>

#include "other_filters.h"
#include "procscan/field.h"
#include "task_order.h"

namespace td::top {

using procscan::Field;

namespace {

FieldModes modes_of(const WindowConfig& window) {
  return {(window.flags & kShowCommandLine) != 0, (window.flags & kShowCumulative) != 0,
          (window.flags & kShowForest) != 0};
}

// top.c window_hlp: the first task, from the window's position on, that the user and other
// filters let through (searching back, then forward again, when there is none).
void find_first_visible(const WindowPrint& print, const std::vector<TaskView>& tasks,
                        const std::vector<std::size_t>& order, WindowPosition& position,
                        std::array<bool, kFieldCount>& cut) {
  const int begin = 0;
  const int end = static_cast<int>(order.size());
  auto visible = [&](int i) {
    const TaskView& task = tasks[order[static_cast<std::size_t>(i)]];
    if (!passes_user_filter(print.user, task)) return false;
    const auto row = task_row(print, task, cut);
    return row && !row->empty();
  };
  position.first_task += position.step;
  if (position.first_task <= begin) {
    position.first_task = begin;
    position.step = +1;
  } else if (position.first_task >= end) {
    position.first_task = end - 1;
  }
  bool reversed = false;
  bool forward = position.step > 0;
  for (;;) {
    if (forward) {
      int i = position.first_task;
      while (i < end && !visible(i))
        ++i;
      if (i < end) {
        position.first_task = i;
        break;
      }
      position.first_task = end - 1;
    }
    int i = position.first_task;
    while (i > begin && !visible(i))
      --i;
    position.first_task = i;
    if (position.first_task == begin && !reversed && !visible(begin)) {
      reversed = true;
      forward = true;
      continue;
    }
    break;
  }
  position.step = 0;
}

// top.c find_string: from the window's first row on, the first row (as the screen shows
// it) holding the text, passing over the first row itself; the window then starts there.
void locate(const WindowPrint& print, const std::vector<TaskView>& tasks,
            const std::vector<std::size_t>& order, WindowPosition& position,
            std::array<bool, kFieldCount>& cut) {
  position.find_pending = false;
  if (position.find.empty()) return;
  const int end = static_cast<int>(order.size());
  for (int i = std::max(position.find_from, 0); i < end; ++i) {
    const auto row = task_row(print, tasks[order[static_cast<std::size_t>(i)]], cut);
    if (!row || row->empty() || row->find(position.find) == std::string::npos) continue;
    position.found_before = true;
    if (i == position.find_from) continue;
    // As do_key's mkVIZrow1 after find_string: the first visible task from there.
    position.first_task = i - 1;
    position.step = +1;
    return;
  }
  position.find_failed = position.find;
}

}  // namespace

void append_trimmed(std::string& out, std::string_view text) {
  const std::size_t end = text.find_last_not_of(' ');
  out.append(text.substr(0, end == std::string_view::npos ? 0 : end + 1));
}

bool passes_user_filter(const UserFilter& filter, const TaskView& task) {
  auto same = [&](Field f) { return static_cast<uid_t>(task.task.u64(f)) == filter.uid; };
  switch (filter.type) {
    case 0:
      return true;
    case 'U':
      if (same(Field::Ruid) || same(Field::Suid) || same(Field::Fsuid)) return filter.include;
      [[fallthrough]];
    case 'u':
      if (same(Field::Euid)) return filter.include;
      [[fallthrough]];
    default:
      return !filter.include;
  }
}

bool is_running(const TaskView& task) {
  return task.task.u64(procscan::Field::State, '?') == 'R';
}

std::optional<std::string> task_row(const WindowPrint& print, const TaskView& task,
                                    std::array<bool, kFieldCount>& cut) {
  std::string row;
  if (print.alternate_display) row.push_back(' ');
  const ColumnLayout& layout = *print.layout;
  CellContext ctx;
  ctx.frame = print.frame;
  ctx.modes = modes_of(*print.window);
  ctx.names = print.names;
  ctx.text_offset = print.text_offset;
  const auto& filters = print.window->filters;
  // task_show's EU_XON and EU_XOF around the sort column ('x'); not in a running task's row
  // that 'y' highlights whole.
  const WindowConfig& w = *print.window;
  const bool high_column = print.palette && (w.flags & kShowHighColumn) &&
                           !((w.flags & kShowHighRows) && is_running(task));
  for (std::size_t i = 0; i < layout.fields.size(); ++i) {
    const FieldId field = layout.fields[i];
    const bool sort_column = high_column && static_cast<int>(field) == w.sort_field;
    if (sort_column) row += print.palette->row_high;
    ctx.width = layout.widths[i];
    ctx.right = layout.right[i];
    bool truncated = false;
    ctx.truncated = &truncated;
    const std::size_t start = row.size();
    field_spec(field).print(ctx, task, row);
    if (truncated) cut[static_cast<std::size_t>(field)] = true;
    if (!filters.empty() && !passes_filters(filters, field, std::string_view(row).substr(start)))
      return std::nullopt;
    if (sort_column) row += print.palette->row_norm;
  }
  return row;
}

int append_window(std::string& out, const WindowPrint& print, std::vector<TaskView>& tasks,
                  WindowPosition& position, std::array<bool, kFieldCount>& cut) {
  const WindowConfig& window = *print.window;
  out.push_back('\n');
  if (print.palette) out += print.palette->header;
  if (print.trim)
    append_trimmed(out, print.layout->header);
  else
    out.append(print.layout->header);
  if (print.palette) out += print.palette->caps_off;
  position.tasks_total = static_cast<int>(tasks.size());
  position.window_lines = print.window_lines;
  if (tasks.empty()) return 1;

  CellContext ctx;
  ctx.frame = print.frame;
  ctx.modes = modes_of(window);
  ctx.names = print.names;
  std::vector<std::size_t> order;
  if (window.flags & kShowForest)
    order = forest_order(tasks);
  else
    order = sorted_order(tasks, static_cast<FieldId>(window.sort_field),
                         (window.flags & kSortHighFirst) != 0, ctx);

  if (position.find_pending) locate(print, tasks, order, position, cut);
  if (position.step != 0) find_first_visible(print, tasks, order, position, cut);
  if (position.first_task >= 0 && static_cast<std::size_t>(position.first_task) < order.size())
    position.first_pid = static_cast<int>(
        tasks[order[static_cast<std::size_t>(position.first_task)]].task.u64(Field::Tid));

  const int max_lines = std::min(print.max_lines, print.window_lines + 1);
  const bool idle_shown = (window.flags & kShowIdle) != 0;
  int lines = 1;  // the header
  for (std::size_t i = static_cast<std::size_t>(std::max(position.first_task, 0));
       i < order.size() && lines < max_lines; ++i) {
    const TaskView& task = tasks[order[i]];
    if (!idle_shown && task.cpu_ticks == 0) continue;
    if (!passes_user_filter(print.user, task)) continue;
    const auto row = task_row(print, task, cut);
    if (!row) continue;
    out.push_back('\n');
    // task_show: the row's attribute, 'y' highlighting a running task.
    if (print.palette)
      out += (window.flags & kShowHighRows) && is_running(task) ? print.palette->row_high
                                                                : print.palette->row_norm;
    if (print.trim)
      append_trimmed(out, *row);
    else
      out.append(*row);
    if (print.palette) out += print.palette->caps_off;
    if (!row->empty()) ++lines;
  }
  return lines;
}

}  // namespace td::top
