#include "report.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>
#include <unordered_map>

#include "json_rows.h"
#include "layout.h"
#include "ordering.h"
#include "printers.h"
#include "quick_pids.h"
#include "self_info.h"
#include "task_lines.h"

namespace td::ps {

using procscan::Field;
using procscan::FieldSet;
using procscan::TaskRef;

namespace {

// Feeds the layout engine the cells of one task.
class TaskCells final : public CellSource {
 public:
  TaskCells(const std::vector<FormatColumn>& columns, PrintContext& ctx)
      : columns_(columns), ctx_(ctx) {}

  void set_task(const TaskRef& task, LineMask mask) {
    task_ = &task;
    mask_ = mask;
  }

  int cell(std::size_t index, int max_cells, std::string& out) override {
    const ColumnSpec* spec = columns_[index].spec;
    // Placeholders, and with m the columns that belong to the other kind of line.
    if (spec->print == nullptr || !line_shows(mask_, spec->rows)) {
      out.push_back('-');
      return 1;
    }
    ctx_.max_cells = max_cells;
    return spec->print(ctx_, *task_, out);
  }

 private:
  const std::vector<FormatColumn>& columns_;
  PrintContext& ctx_;
  const TaskRef* task_ = nullptr;
  LineMask mask_ = LineMask::Whole;
};

// When the header goes out (procps lines_to_next_header / header_gap): before the first
// line, then every `gap` lines with --headers, never with --no-headers or when every
// column has an empty header.
class HeaderSchedule {
 public:
  HeaderSchedule(HeaderMode mode, bool has_text, int screen_rows) {
    if (mode == HeaderMode::Repeat) {
      gap_ = screen_rows - 1;
    } else if (mode == HeaderMode::None || !has_text) {
      countdown_ = -1;
    }
  }
  // Called before each line; true when a header is due.
  bool due() {
    if (--countdown_ != 0) return false;
    countdown_ = gap_;
    return true;
  }
  int lines_to_next_header() const { return countdown_; }

 private:
  int countdown_ = 1;
  int gap_ = -1;
};

// Where the report's lines go: the text layout, or JSON (--json).
class LineSink {
 public:
  virtual ~LineSink() = default;
  virtual void line(const TaskRef& task, LineMask mask, std::string_view forest_prefix) = 0;
  // After the last line; `printed` says whether there was any.
  virtual void finish(bool printed) = 0;
};

std::vector<LayoutColumn> layout_columns(const std::vector<FormatColumn>& columns) {
  std::vector<LayoutColumn> out;
  out.reserve(columns.size());
  for (const FormatColumn& column : columns) {
    LayoutColumn layout;
    layout.header = column.header;
    layout.width = column.width;
    layout.has_printer = column.spec != nullptr;
    layout.align = column.spec != nullptr ? column.spec->align : Align::Left;
    out.push_back(std::move(layout));
  }
  return out;
}

SystemFacts read_system_facts(const Invocation& invocation, procscan::SystemInfo& system) {
  unsigned needs = kNeedNothing;
  for (const FormatColumn& column : invocation.format.columns)
    if (column.spec != nullptr) needs |= column.spec->system_needs;
  needs |= ordering_system_needs(invocation.format);
  SystemFacts facts;
  facts.hertz = procscan::SystemInfo::clock_ticks();
  facts.page_size = procscan::SystemInfo::page_size();
  facts.now = std::time(nullptr);
  if (needs & kNeedUptime)
    facts.boot_ticks =
        static_cast<std::uint64_t>(system.uptime_seconds() * static_cast<double>(facts.hertz));
  if (needs & kNeedBootTime) facts.boot_time = system.boot_time();
  if (needs & kNeedMemTotal) facts.mem_total_kib = system.mem_total_kib();
  if (needs & kNeedNumaNodes) facts.numa_nodes = system.numa_node_of_cpus();
  return facts;
}

// The text report: headers as scheduled, each line through the layout engine.
class TextLines final : public LineSink {
 public:
  TextLines(const Invocation& invocation, PrintContext& ctx, common::OutputBuffer& out)
      : layout_(layout_columns(invocation.format.columns),
                LayoutOptions{invocation.screen_cols, invocation.options.modes.user_is_number,
                              invocation.options.modes.wchan_is_number}),
        ctx_(ctx),
        out_(out),
        cells_(invocation.format.columns, ctx),
        header_(invocation.options.header, layout_.has_header_text(), invocation.screen_rows) {
    ctx_.wide_signals = layout_.wide_signals();
  }

  void line(const TaskRef& task, LineMask mask, std::string_view forest_prefix) override {
    if (header_.due()) header();
    ctx_.lines_to_next_header = header_.lines_to_next_header();
    ctx_.forest_prefix = forest_prefix;
    cells_.set_task(task, mask);
    layout_.render_line(cells_, out_.text());
    complain_if_beyond_buffer();
    out_.flush_if_full();
  }

  void finish(bool printed) override {
    if (!printed && header_.due()) header();
  }

 private:
  void header() {
    layout_.render_header(out_.text());
    complain_if_beyond_buffer();
  }
  // procps show_one_proc, for each line it makes, header lines included.
  void complain_if_beyond_buffer() const {
    if (layout_.beyond_buffer()) std::fputs("fix bigness error\n", stderr);
  }

  const LineLayout layout_;
  PrintContext& ctx_;
  common::OutputBuffer& out_;
  TaskCells cells_;
  HeaderSchedule header_;
};

class JsonSink final : public LineSink {
 public:
  JsonSink(const Invocation& invocation, const PrintContext& ctx, common::OutputBuffer& out)
      : lines_(invocation.format.columns, ctx, out) {
    lines_.begin();
  }
  void line(const TaskRef& task, LineMask mask, std::string_view) override {
    lines_.line(task, mask);
  }
  void finish(bool) override { lines_.end(); }

 private:
  JsonLines lines_;
};

}  // namespace

FieldSet planned_fields(const Invocation& invocation) {
  FieldSet fields = invocation.selector.fields();
  for (const FormatColumn& column : invocation.format.columns)
    if (column.spec != nullptr) fields.add(fields_for(*column.spec, invocation.options.modes));
  fields.add(ordering_fields(invocation.format, invocation.options.forest_type));
  // Which task a row is: the line logic and the -p/-q orders need both ids.
  fields.add(FieldSet{Field::Tgid, Field::Tid});
  return fields;
}

namespace {

// Everything one run of the report holds.
class Report {
 public:
  Report(const Invocation& invocation, procscan::SystemInfo& system, common::OutputBuffer& out)
      : invocation_(invocation),
        opt_(invocation.options),
        out_(out),
        selector_(invocation.selector) {
    ctx_.modes = opt_.modes;
    ctx_.text = common::TextMode::from_locale();
    ctx_.names = &names_;
    ctx_.forest_type = opt_.forest_type;
    ctx_.system = read_system_facts(invocation, system);
    selector_.set_text_mode(ctx_.text);
    if (opt_.json)
      sink_ = std::make_unique<JsonSink>(invocation, ctx_, out);
    else
      sink_ = std::make_unique<TextLines>(invocation, ctx_, out);
  }

  int run(procscan::Scanner& scanner);

 private:
  class Streamed;
  bool fancy() const { return opt_.forest_type || !invocation_.format.sort.empty(); }
  procscan::Query query() const;
  void print_line(const TaskRef& task, LineMask mask, std::string_view forest_prefix);
  // The rows of a pid-list query, in the order ps reads them.
  std::vector<std::size_t> listed_rows(const procscan::TaskTable& table) const;
  // -q: each listed id read at /proc/ID, as ps reads its list (quick_pids.h).
  void print_quick(procscan::Scanner& scanner, procscan::Query query);
  bool quick() const {
    return std::any_of(opt_.lists.begin(), opt_.lists.end(),
                       [](const SelectionList& l) { return l.kind == ListKind::QuickPid; });
  }

  const Invocation& invocation_;
  const Options& opt_;
  common::OutputBuffer& out_;
  NameLookups names_;
  PrintContext ctx_;
  Selector selector_;
  std::unique_ptr<LineSink> sink_;
  bool printed_ = false;
};

// The visitor of a streamed report: lines as rows come.
class Report::Streamed final : public procscan::RowVisitor {
 public:
  Streamed(Report& report, ThreadView view) : report_(report), lines_(view) {}

  void visit(const TaskRef& row) override {
    lines_.feed(
        row, [&](const TaskRef& task) { return report_.selector_.wants(task); },
        [&](const TaskRef& task, LineMask mask) { report_.print_line(task, mask, {}); });
  }

 private:
  Report& report_;
  TaskLines lines_;
};

procscan::Query Report::query() const {
  procscan::Query query;
  query.fields = planned_fields(invocation_);
  // Sorted and forest output show threads only with H (procps fancy_spew).
  const ThreadView view =
      fancy() ? (opt_.thread_flags & kThreadLooseTasks ? ThreadView::Flat : ThreadView::Processes)
              : thread_view(opt_.thread_flags);
  if (view != ThreadView::Processes) query.scope = procscan::Scope::ProcessesAndThreads;
  if (quick() || selector_.pid_list_only()) {
    query.pid_list_only = true;
    for (std::uint64_t pid : selector_.listed_pids())
      query.pids.push_back(static_cast<pid_t>(pid));
  }
  return query;
}

void Report::print_line(const TaskRef& task, LineMask mask, std::string_view forest_prefix) {
  sink_->line(task, mask, forest_prefix);
  printed_ = true;
}

std::vector<std::size_t> Report::listed_rows(const procscan::TaskTable& table) const {
  // Rows of each process, in scan order (the process row, then its threads).
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> rows_of;
  for (std::size_t row = 0; row < table.size(); ++row)
    rows_of[table[row].u64(Field::Tgid)].push_back(row);
  // As a /proc listing gives them: in pid order.
  std::vector<std::size_t> rows;
  for (std::uint64_t pid : selector_.listed_pids())
    if (const auto it = rows_of.find(pid); it != rows_of.end())
      rows.insert(rows.end(), it->second.begin(), it->second.end());
  return rows;
}

void Report::print_quick(procscan::Scanner& scanner, procscan::Query query) {
  const ThreadView view = thread_view(opt_.thread_flags);
  // m orders its lines by start time (quick_pids.h).
  if (view == ThreadView::Nested) query.fields.add(Field::StartTime);
  query.scope = procscan::Scope::Processes;
  query.listed_threads = true;
  const procscan::TaskTable read = scanner.scan(query);
  procscan::TaskTable threads(query.fields);
  if (view != ThreadView::Processes) {
    // Every thread of each listed process, its leader's as read in its task directory.
    query.scope = procscan::Scope::Threads;
    query.listed_threads = false;
    query.pids.clear();
    for (std::size_t row = 0; row < read.size(); ++row)
      if (read[row].u64(Field::Tid) == read[row].u64(Field::Tgid))
        query.pids.push_back(static_cast<pid_t>(read[row].u64(Field::Tid)));
    if (!query.pids.empty()) threads = scanner.scan(query);
  }
  std::vector<std::uint64_t> listed;  // in the order given, repeats included
  for (const SelectionList& list : opt_.lists)
    listed.insert(listed.end(), list.ids.begin(), list.ids.end());
  for (const QuickLine& line : quick_lines(
           listed, read, threads, view, [&](const TaskRef& task) { return selector_.wants(task); }))
    print_line(line.task, line.mask, {});
}

int Report::run(procscan::Scanner& scanner) {
  const procscan::Query plan = query();
  auto wants = [&](const TaskRef& task) { return selector_.wants(task); };

  if (fancy()) {
    // Sorted or forest: collect the selected lines, order them, then print.
    const procscan::TaskTable table = scanner.scan(plan);
    const bool both = opt_.thread_flags & kThreadShowBoth;
    TaskLines lines(plan.scope == procscan::Scope::Processes ? ThreadView::Processes
                                                             : ThreadView::Flat);
    std::vector<PendingLine> pending;
    auto collect = [&](const TaskRef& task, LineMask) {
      pending.push_back({task.row(), both ? LineMask::ProcessLine : LineMask::Whole, {}});
    };
    if (plan.pid_list_only) {
      for (std::size_t row : listed_rows(table))
        lines.feed(table[row], wants, collect);
    } else {
      for (std::size_t row = 0; row < table.size(); ++row)
        lines.feed(table[row], wants, collect);
    }
    order_lines(pending, table, invocation_.format, opt_.forest_type, ctx_);
    for (const PendingLine& line : pending)
      print_line(table[line.row], line.mask, line.forest_prefix);
  } else if (!plan.pid_list_only) {
    Streamed streamed(*this, thread_view(opt_.thread_flags));
    scanner.scan(plan, streamed);
  } else if (quick()) {
    print_quick(scanner, plan);
  } else {
    TaskLines lines(thread_view(opt_.thread_flags));
    auto print = [&](const TaskRef& task, LineMask mask) { print_line(task, mask, {}); };
    const procscan::TaskTable table = scanner.scan(plan);
    for (std::size_t row : listed_rows(table))
      lines.feed(table[row], wants, print);
  }

  sink_->finish(printed_);
  if (opt_.debug) std::fputs(scan_summary(scanner).c_str(), stderr);
  out_.flush();
  return printed_ ? 0 : 1;
}

}  // namespace

int run_report(const Invocation& invocation, procscan::Scanner& scanner,
               procscan::SystemInfo& system, common::OutputBuffer& out) {
  Report report(invocation, system, out);
  return report.run(scanner);
}

}  // namespace td::ps
