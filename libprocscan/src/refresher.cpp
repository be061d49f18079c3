// The refresh engine: a query scanned again and again into two tables that take turns, each
// new row matched to the last refresh's row of the same task through an identity index.
#include "procscan/refresh.h"

#include <time.h>

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "proc_events.h"
#include "procscan/scanner.h"
#include "util/task_identity_index.h"

namespace procscan {

namespace {

double monotonic_seconds() {
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

Query with_identity(Query query, KeptFiles* kept_files) {
  query.fields.add(Field::Tid);
  query.fields.add(Field::Tgid);  // the connector's known processes come from it
  query.fields.add(Field::StartTime);
  query.kept_files = kept_files;
  return query;
}

// Copies each streamed row to the end of a table with the same layout.
class AppendRows final : public RowVisitor {
 public:
  explicit AppendRows(TaskTable& out) : out_(out) {}
  void visit(const TaskRef& row) override { out_.append_rows(row.table(), row.row(), 1); }

 private:
  TaskTable& out_;
};

}  // namespace

struct Refresher::State {
  State(std::string proc_root, std::string utmp_path)
      : figures(std::move(proc_root), std::move(utmp_path)) {}

  // The rows of the last refresh are tables[latest]; the other is scanned into next. Both
  // keep their memory (records and strings) from one refresh to the next.
  std::array<std::optional<TaskTable>, 2> tables;
  std::size_t latest = 0;
  // The rows of tables[latest] by identity.
  util::TaskIdentityIndex index;
  // Per row of the previous table: whether a row of this refresh is the same task.
  std::vector<char> matched;
  SystemFigureReader figures;
  std::optional<double> last_time;

  // Births from the proc connector (procfs refreshes): the process ids the last refresh
  // read, and those forked since. known_valid is false until a procfs refresh listed /proc.
  std::unique_ptr<ProcEventListener> events;
  bool events_tried = false;
  int events_refused = 0;
  std::vector<ProcEvent> pending;
  std::vector<pid_t> known;
  bool known_valid = false;
  Query by_pids;  // the query with known as its pid list, reused between refreshes

  // Takes the events since the last refresh into `known`. False when they cannot stand in
  // for a listing: events were lost, or none are heard.
  bool take_events(ProcEventStats& stats) {
    if (!events) return false;
    pending.clear();
    const bool complete = events->drain(pending);
    stats.events = pending.size();
    if (!complete || !known_valid) return false;
    for (const ProcEvent& e : pending) {
      if (e.kind != ProcEvent::Kind::Fork) continue;  // an exited process reads as vanished
      if (e.pid == e.tgid) {
        known.push_back(e.pid);
      } else {
        // A pid given to a thread: the process that had it is gone, and /proc/PID is now
        // that thread, which a listing would not show as a process.
        std::erase(known, e.pid);
      }
    }
    std::sort(known.begin(), known.end());
    known.erase(std::unique(known.begin(), known.end()), known.end());
    return true;
  }

  // The processes this refresh read: what the next one reads, with the forks since.
  void remember(const TaskTable& rows, bool served_by_procfs) {
    known.clear();
    known_valid = served_by_procfs;
    if (!served_by_procfs) return;
    for (std::size_t row = 0; row < rows.size(); ++row) {
      const auto tgid = static_cast<pid_t>(rows[row].u64(Field::Tgid));
      if (known.empty() || known.back() != tgid) known.push_back(tgid);
    }
    std::sort(known.begin(), known.end());
    known.erase(std::unique(known.begin(), known.end()), known.end());
  }

  TaskTable& table(std::size_t i, const FieldSet& fields) {
    if (!tables[i] || !(tables[i]->layout().fields() == fields)) tables[i].emplace(fields);
    return *tables[i];
  }
};

std::uint64_t Refresh::previous_u64(std::size_t row, Field f, std::uint64_t fallback) const {
  const std::size_t previous = previous_row_[row];
  if (previous == kNoRow) return fallback;
  return (*previous_tasks_)[previous].u64(f, fallback);
}

Refresher::Refresher(Scanner& scanner, Query query, SystemFigureSet figures, RefreshOptions options,
                     std::string proc_root, std::string utmp_path)
    : scanner_(scanner),
      figures_(figures),
      options_(options),
      kept_files_(options.kept_file_memory > 0
                      ? std::make_unique<KeptFiles>(options.kept_file_memory)
                      : nullptr),
      state_(std::make_unique<State>(proc_root, std::move(utmp_path))),
      events_allowed_(options.proc_connector && proc_root == "/proc") {
  query_ = with_identity(std::move(query), kept_files_.get());
}

Refresher::~Refresher() = default;

void Refresher::set_query(Query query) {
  query_ = with_identity(std::move(query), kept_files_.get());
}

void Refresher::set_figures(SystemFigureSet figures) {
  figures_ = figures;
}

const Refresh& Refresher::refresh() {
  State& s = *state_;
  const std::size_t next = 1 - s.latest;
  TaskTable& rows = s.table(next, query_.fields);
  rows.clear();
  AppendRows append(rows);
  const Query* scanned = &query_;
  ProcEventStats& events = refresh_.proc_events_;
  events.listed = true;
  events.events = 0;
  if (events_allowed_ && !query_.pid_list_only) {
    if (!s.events_tried) {
      s.events_tried = true;
      s.events = ProcEventListener::open(s.events_refused);
    }
    events.listening = s.events != nullptr;
    events.refused = s.events ? 0 : s.events_refused;
    if (s.take_events(events) && scanner_.backend_name() == "procfs") {
      s.by_pids.fields = query_.fields;
      s.by_pids.scope = query_.scope;
      s.by_pids.kept_files = query_.kept_files;
      s.by_pids.pid_list_only = true;
      s.by_pids.pids_are_leaders = true;
      s.by_pids.pids.swap(s.known);
      scanned = &s.by_pids;
      events.listed = false;
    }
  }
  // The events are drained before the scan, so a process forked during it is both listed
  // (or read) and announced next time: read twice at worst, never missed.
  try {
    scanner_.scan(*scanned, append);  // may throw: the last refresh stays as it was
  } catch (...) {
    s.known_valid = false;
    throw;
  }
  if (scanned == &s.by_pids) s.known.swap(s.by_pids.pids);
  s.remember(rows, events_allowed_ && !query_.pid_list_only && scanner_.backend_name() == "procfs");

  // The figures and the clock right after the scan, as one instant.
  const double now = monotonic_seconds();
  std::swap(refresh_.system_, refresh_.previous_system_);
  const auto reads_before = s.figures.reads();
  s.figures.read(figures_, refresh_.system_);
  for (std::size_t g = 0; g < refresh_.system_reads_.size(); ++g)
    refresh_.system_reads_[g] = s.figures.reads()[g] - reads_before[g];
  refresh_.interval_seconds_ = s.last_time ? now - *s.last_time : 0;
  s.last_time = now;

  // The last refresh's rows, or an empty table of this layout before the first refresh.
  const TaskTable& previous =
      s.tables[s.latest] ? *s.tables[s.latest] : s.table(s.latest, query_.fields);
  refresh_.previous_row_.assign(rows.size(), kNoRow);
  s.matched.assign(previous.size(), 0);
  for (std::size_t row = 0; row < rows.size(); ++row) {
    const std::size_t found = s.index.find(util::identity_of(rows[row]));
    // A second row of one identity (a task listed twice) is not matched again.
    if (found == util::TaskIdentityIndex::kNotFound || found >= previous.size() || s.matched[found])
      continue;
    s.matched[found] = 1;
    refresh_.previous_row_[row] = found;
  }
  refresh_.deaths_.clear();
  for (std::size_t row = 0; row < previous.size(); ++row)
    if (!s.matched[row]) refresh_.deaths_.push_back(row);

  s.index.rebuild(rows);
  s.latest = next;
  refresh_.tasks_ = &rows;
  refresh_.previous_tasks_ = &previous;
  refresh_.stats_ = scanner_.last_stats();
  // Counted by the procfs backend when it served; another backend kept nothing this time.
  refresh_.kept_files_ =
      kept_files_ && scanner_.backend_name() == "procfs" ? kept_files_->stats() : KeptFileStats{};
  ++refresh_.number_;
  return refresh_;
}

}  // namespace procscan
