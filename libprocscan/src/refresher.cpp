// The refresh engine: a query scanned again and again into two tables that take turns, each
// new row matched to the last refresh's row of the same task through an identity index.
#include "procscan/refresh.h"

#include <time.h>

#include <array>
#include <optional>
#include <utility>

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
      state_(std::make_unique<State>(std::move(proc_root), std::move(utmp_path))) {
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
  scanner_.scan(query_, append);  // may throw: the last refresh stays as it was

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
