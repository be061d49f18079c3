#include "frame.h"

#include <algorithm>
#include <ctime>

#include "procscan/field.h"

namespace td::top {

using procscan::Field;
using procscan::SystemFigure;

namespace {

FieldModes modes_of(const WindowConfig& window) {
  return {(window.flags & kShowCommandLine) != 0, (window.flags & kShowCumulative) != 0,
          (window.flags & kShowForest) != 0};
}

int log2_of(long value) {
  int shift = 0;
  while (value > 1) {
    value >>= 1;
    ++shift;
  }
  return shift;
}

// top.c zap_fieldstab: the highest %CPU a task may show; in Irix mode a task may use
// every CPU, but no more than the column can hold.
float highest_cpu_percent(int cpus, bool irix, bool threads) {
  float most = 99.9f;
  if (irix && cpus > 1 && !threads) {
    most = 100.0f * static_cast<float>(cpus);
    if (cpus > 1000) {
      if (most > 9999999.0f) most = 9999999.0f;
    } else if (cpus > 100) {
      // top compares the CPU count here, so the cap never applies.
    } else if (cpus > 10) {
      if (most > 99999.0f) most = 99999.0f;
    } else {
      if (most > 999.9f) most = 999.9f;
    }
  }
  return most;
}

procscan::SystemFigureSet all_figures() {
  procscan::SystemFigureSet set;
  for (std::size_t i = 0; i < procscan::kSystemFigureCount; ++i)
    set.add(static_cast<SystemFigure>(i));
  return set;
}

// The "cpu" line's ticks of a reading, in /proc/stat order.
CpuLine total_line(const procscan::SystemSnapshot& s) {
  CpuLine line{};
  for (std::size_t i = 0; i < line.size(); ++i)
    line[i] =
        s.value(static_cast<SystemFigure>(static_cast<std::size_t>(SystemFigure::CpuUser) + i));
  return line;
}

std::vector<const procscan::CpuTicks*> each_cpu(const procscan::SystemSnapshot& s) {
  std::vector<const procscan::CpuTicks*> cpus;
  for (const procscan::CpuTicks& cpu : s.cpus)
    if (cpu.cpu >= 0) cpus.push_back(&cpu);
  return cpus;
}

}  // namespace

FrameMaker::FrameMaker(const TopConfig& config, const RunOptions& run, const RunFacts& facts)
    : config_(config), run_(run), facts_(facts) {
  width_facts_.pid_digits = facts.pid_digits;
  width_facts_.cpus = facts.cpus;
  int nodes = 0;
  for (int node : facts.numa_nodes)
    nodes = std::max(nodes, node + 1);
  width_facts_.numa_nodes = nodes;
  width_facts_.fixed_widest = config.fixed_widest;
  widths_ = field_widths(width_facts_);
  // wins_stage_2's mkVIZrow1: the current window starts at its first visible task.
  WindowPosition& current = positions_[static_cast<std::size_t>(config.current_window)];
  current.step = +1;
  current.first_task = -1;
}

std::vector<int> FrameMaker::shown_windows() const {
  if (!config_.alternate_display) return {config_.current_window};
  std::vector<int> shown;
  for (int i = 0; i < kWindows; ++i)
    if (config_.windows[static_cast<std::size_t>(i)].flags & kShowTasks) shown.push_back(i);
  return shown;
}

procscan::Query FrameMaker::query() const {
  procscan::Query query;
  procscan::FieldSet& fields = query.fields;
  for (Field f : {Field::Tid, Field::Tgid, Field::State, Field::Comm})
    fields.add(f);
  if (facts_.hide_kernel) fields.add(Field::Ppid);
  for (int index : shown_windows()) {
    const WindowConfig& w = config_.windows[static_cast<std::size_t>(index)];
    const FieldModes modes = modes_of(w);
    const ColumnLayout layout =
        lay_out_columns(w, widths_, facts_.columns, config_.alternate_display != 0, index + 1,
                        positions_[static_cast<std::size_t>(index)].first_flag);
    for (FieldId id : layout.fields)
      fields.add(fields_for(id, modes));
    // On the screen every shown field is read, also those scrolled out of sight: a column
    // scrolled back into sight then has its previous values for rates.
    if (keep_blanks_)
      for (FieldId id : visible_fields(w))
        fields.add(fields_for(id, modes));
    fields.add(fields_for(static_cast<FieldId>(w.sort_field), modes));
    if (!(w.flags & kShowIdle)) fields.add(procscan::FieldSet{Field::Utime, Field::Stime});
    if (w.flags & kShowForest)
      fields.add(procscan::FieldSet{Field::Ppid, Field::Tgid, Field::StartTime});
    if (index == config_.current_window && run_.user.type)
      fields.add(procscan::FieldSet{Field::Euid, Field::Ruid, Field::Suid, Field::Fsuid});
  }
  query.scope = run_.threads ? procscan::Scope::ProcessesAndThreads : procscan::Scope::Processes;
  if (!run_.pids.empty()) {
    query.pid_list_only = true;
    query.pids = run_.pids;
  }
  return query;
}

procscan::SystemFigureSet FrameMaker::figures() const {
  return all_figures();
}

FrameMaker::FrameTasks FrameMaker::collect(const procscan::Refresh& refresh) {
  FrameTasks frame;
  const procscan::TaskTable& table = refresh.tasks();
  frame.tasks.reserve(table.size());
  for (std::size_t row = 0; row < table.size(); ++row) {
    const procscan::TaskRef task = table[row];
    // libproc2 hides kthreadd and its children when LIBPROC_HIDE_KERNEL is set.
    if (facts_.hide_kernel && (task.u64(Field::Ppid) == 2 || task.u64(Field::Tgid) == 2)) continue;
    if (own_pid_ && task.u64(Field::Tgid) == static_cast<std::uint64_t>(own_pid_) &&
        task.u64(Field::Tid) != static_cast<std::uint64_t>(own_pid_))
      continue;
    TaskView view{task};
    const std::uint64_t ticks = task.u64(Field::Utime) + task.u64(Field::Stime);
    const std::uint64_t before =
        refresh.previous_u64(row, Field::Utime) + refresh.previous_u64(row, Field::Stime);
    view.cpu_ticks = static_cast<std::uint32_t>(ticks - before);
    if (task.has(Field::MajFlt))
      view.major_faults = static_cast<std::int32_t>(task.u64(Field::MajFlt) -
                                                    refresh.previous_u64(row, Field::MajFlt));
    if (task.has(Field::MinFlt))
      view.minor_faults = static_cast<std::int32_t>(task.u64(Field::MinFlt) -
                                                    refresh.previous_u64(row, Field::MinFlt));
    frame.counts.add(static_cast<char>(task.u64(Field::State)));
    frame.tasks.push_back(view);
  }
  // libproc2 reads -p's pids in the order given.
  if (!run_.pids.empty()) {
    auto rank = [&](const TaskView& v) {
      const auto pid = static_cast<pid_t>(v.task.u64(Field::Tgid));
      return std::find(run_.pids.begin(), run_.pids.end(), pid) - run_.pids.begin();
    };
    std::stable_sort(frame.tasks.begin(), frame.tasks.end(),
                     [&](const TaskView& a, const TaskView& b) { return rank(a) < rank(b); });
  }
  return frame;
}

FrameFacts FrameMaker::frame_facts(const procscan::Refresh& refresh) const {
  FrameFacts f;
  const procscan::SystemSnapshot& now = refresh.system();
  f.hertz = facts_.hertz;
  f.page_shift = log2_of(facts_.page_size / 1024);
  f.mem_total_kib = now.value(SystemFigure::MemTotal);
  const double uptime = static_cast<double>(now.value(SystemFigure::UptimeCentis)) / 100.0;
  const double before =
      refresh.number() > 1
          ? static_cast<double>(refresh.previous_system().value(SystemFigure::UptimeCentis)) / 100.0
          : 0.0;
  // top.c tasks_refresh: the seconds between two /proc/uptime readings, in float.
  float elapsed = static_cast<float>(uptime - before);
  if (elapsed < 0.01) elapsed = 0.005f;
  const std::size_t cpus_now = each_cpu(now).size();
  const int cpus = cpus_now ? static_cast<int>(cpus_now) : facts_.cpus;
  f.cpu_scale = 100.0f / (static_cast<float>(facts_.hertz) * elapsed *
                          static_cast<float>(config_.irix_mode ? 1 : cpus));
  f.cpu_max = highest_cpu_percent(facts_.cpus, config_.irix_mode != 0, run_.threads);
  f.boot_ticks = static_cast<std::uint64_t>(uptime * static_cast<double>(facts_.hertz));
  f.numa_nodes = facts_.numa_nodes;
  f.task_scale = config_.task_scale;
  f.zero_suppress = config_.zero_suppress != 0;
  f.tics_scaled = config_.tics_scaled;
  f.text = facts_.text;
  return f;
}

SummaryInput FrameMaker::summary_input(const procscan::Refresh& refresh,
                                       const FrameTasks& tasks) const {
  SummaryInput in;
  const procscan::SystemSnapshot& now = refresh.system();
  const procscan::SystemSnapshot& before = refresh.previous_system();
  const WindowConfig& current = config_.windows[static_cast<std::size_t>(config_.current_window)];
  in.alternate_display = config_.alternate_display != 0;
  in.name = in.alternate_display ? std::to_string(config_.current_window + 1) + ":" + current.name
                                 : facts_.program;
  in.now = std::time(nullptr);
  in.uptime_seconds = static_cast<double>(now.value(SystemFigure::UptimeCentis)) / 100.0;
  in.users = static_cast<int>(now.value(SystemFigure::Users));
  in.load[0] = static_cast<double>(now.value(SystemFigure::Load1)) / 100.0;
  in.load[1] = static_cast<double>(now.value(SystemFigure::Load5)) / 100.0;
  in.load[2] = static_cast<double>(now.value(SystemFigure::Load15)) / 100.0;
  in.counts = tasks.counts;
  in.threads = run_.threads;
  in.all_cpus = cpu_delta(total_line(now), total_line(before));
  const auto cpus_now = each_cpu(now), cpus_before = each_cpu(before);
  for (std::size_t i = 0; i < cpus_now.size(); ++i) {
    const CpuLine zero{};
    CpuDelta d =
        cpu_delta(cpus_now[i]->ticks, i < cpus_before.size() ? cpus_before[i]->ticks : zero);
    d.id = cpus_now[i]->cpu;
    d.node = static_cast<std::size_t>(d.id) < facts_.numa_nodes.size()
                 ? facts_.numa_nodes[static_cast<std::size_t>(d.id)]
                 : -1;
    in.cpus.push_back(d);
  }
  in.numa_nodes = width_facts_.numa_nodes;
  MemoryFigures& m = in.memory;
  m.total = now.value(SystemFigure::MemTotal);
  m.free = now.value(SystemFigure::MemFree);
  m.available = now.value(SystemFigure::MemAvailable);
  m.buffers = now.value(SystemFigure::Buffers);
  m.cached = now.value(SystemFigure::Cached);
  m.reclaimable = now.value(SystemFigure::SReclaimable);
  m.swap_total = now.value(SystemFigure::SwapTotal);
  m.swap_free = now.value(SystemFigure::SwapFree);
  return in;
}

void FrameMaker::grow_widths() {
  widths_grew_ = false;
  if (config_.fixed_widest >= 0) return;
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    if (!cut_[i]) continue;
    ++width_facts_.grown[i];
    cut_[i] = false;
    widths_grew_ = true;
  }
  if (widths_grew_) widths_ = field_widths(width_facts_);
}

void FrameMaker::set_settings(const TopConfig& config, const RunOptions& run) {
  const bool threads_changed = run.threads != run_.threads;
  if (config.fixed_widest != config_.fixed_widest) {
    width_facts_.fixed_widest = config.fixed_widest;
    widths_ = field_widths(width_facts_);
  }
  config_ = config;
  run_ = run;
  // top.c 'H': every window starts again at its first task.
  if (threads_changed)
    for (WindowPosition& p : positions_)
      p.first_task = 0;
}

std::vector<FieldId> FrameMaker::shown_fields(int window) const {
  const WindowConfig& w = config_.windows[static_cast<std::size_t>(window)];
  return lay_out_columns(w, widths_, facts_.columns, config_.alternate_display != 0, window + 1,
                         positions_[static_cast<std::size_t>(window)].first_flag)
      .fields;
}

ScrollFacts FrameMaker::scroll_facts(int window) const {
  const WindowConfig& w = config_.windows[static_cast<std::size_t>(window)];
  return td::top::scroll_facts(w, widths_, facts_.columns, config_.alternate_display != 0,
                               positions_[static_cast<std::size_t>(window)].first_flag);
}

void FrameMaker::after_key() {
  const auto current = static_cast<std::size_t>(config_.current_window);
  if (!(config_.windows[current].flags & kShowTasks)) return;
  WindowPosition& p = positions_[current];
  if (p.step != 0) return;
  p.step = +1;
  p.first_task -= 1;
}

void FrameMaker::reset_position() {
  // win_reset: begtask, begpflg and varcolbeg to 0, and findstr emptied.
  WindowPosition& p = positions_[static_cast<std::size_t>(config_.current_window)];
  p.first_task = 0;
  p.step = 0;
  p.first_flag = 0;
  p.text_offset = 0;
  p.find.clear();
  p.find_pending = false;
  p.found_before = false;
}

void FrameMaker::set_screen(int columns, int rows) {
  facts_.columns = columns;
  facts_.rows = rows;
}

void FrameMaker::append_text(std::string& out, const procscan::Refresh& refresh, int number) {
  grow_widths();
  if (number > 1) out.append("\n\n");
  const std::size_t frame_start = out.size();
  header_lines_.clear();
  FrameTasks frame = collect(refresh);
  const FrameFacts facts = frame_facts(refresh);
  const WindowConfig& current = config_.windows[static_cast<std::size_t>(config_.current_window)];
  SummaryLayout summary_layout{facts_.columns, facts_.rows, config_.summary_scale};
  SpecialCaps summary_caps;
  if (palettes_) {
    const Palette& p = (*palettes_)[static_cast<std::size_t>(config_.current_window)];
    summary_caps = {p.markers(), p.caps_off};
    summary_layout.caps = &summary_caps;
  }
  const int summary_rows =
      append_summary(out, summary_input(refresh, frame), current, summary_layout);
  const int max_lines = facts_.rows - summary_rows - 1;
  message_row_ = summary_rows;

  int used = 0;
  const std::vector<int> shown = shown_windows();
  for (std::size_t k = 0; k < shown.size(); ++k) {
    const int index = shown[k];
    const WindowConfig& w = config_.windows[static_cast<std::size_t>(index)];
    WindowPosition& position = positions_[static_cast<std::size_t>(index)];
    const ColumnLayout layout = lay_out_columns(
        w, widths_, facts_.columns, config_.alternate_display != 0, index + 1, position.first_flag);
    WindowPrint print;
    print.window = &w;
    print.layout = &layout;
    print.frame = &facts;
    print.names = &names_;
    if (index == config_.current_window) print.user = run_.user;
    print.alternate_display = config_.alternate_display != 0;
    print.max_lines = max_lines - used;
    print.trim = !keep_blanks_;
    if (palettes_) print.palette = &(*palettes_)[static_cast<std::size_t>(index)];
    print.text_offset = position.text_offset;
    if (!config_.alternate_display) {
      print.window_lines = w.max_tasks ? w.max_tasks : max_lines;
    } else {
      // top.c frame_hlp: the windows still to come share what is left, a header each.
      const int windows = static_cast<int>(shown.size() - k);
      const int share = (print.max_lines - windows) / windows;
      print.window_lines = w.max_tasks ? w.max_tasks : share;
    }
    std::vector<TaskView> tasks = frame.tasks;
    header_lines_.push_back(static_cast<int>(
        std::count(out.begin() + static_cast<std::ptrdiff_t>(frame_start), out.end(), '\n') + 1));
    used += append_window(out, print, tasks, position, cut_);
    if (index == config_.current_window) first_task_pid_ = position.first_pid;
    if (config_.alternate_display && max_lines <= used) break;
  }
}

}  // namespace td::top
