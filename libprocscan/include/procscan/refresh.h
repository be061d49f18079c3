// The refresh engine: one query scanned again and again (top), with each task's identity
// kept across refreshes, births and deaths named, the previous value of every field kept for
// rates, and the machine's figures read at the same instant.
//
// A task is the same task while its tid and start time are the same: a reused pid is a new
// task (start times are in clock ticks, so a pid freed and given again within one tick, 10 ms
// at USER_HZ 100, looks like the same task). A process row and a thread row are not the
// same task even with one tid: the process row sums its threads. Counter fields (Unit
// Ticks, Count, Bytes in the field table) are what tools turn into rates; the previous
// refresh's whole row is kept, so any field's previous value can be asked for.
//
// A steady refresh allocates nothing per task: the two tables (this refresh's and the last)
// and the identity index keep their memory from one refresh to the next.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "procscan/backend.h"
#include "procscan/kept_files.h"
#include "procscan/query.h"
#include "procscan/system_figures.h"
#include "procscan/task_table.h"

namespace procscan {

class Scanner;

struct RefreshOptions {
  // Kernel memory the procfs backend may hold in task files kept open between refreshes
  // (about 4.5 KiB each once read: a seq_file buffer page and the struct file). 0 keeps none.
  // The descriptors they take are budgeted too (procscan/kept_files.h).
  std::size_t kept_file_memory = std::size_t{64} << 20;
  // Learn births and exits from the proc connector where the caller may (CAP_NET_ADMIN),
  // instead of listing /proc on every refresh. Not implemented yet: /proc is listed on
  // every refresh whatever this says.
  bool proc_connector = true;
};

inline constexpr std::size_t kNoRow = static_cast<std::size_t>(-1);

// What one refresh saw. Valid until the next refresh.
class Refresh {
 public:
  // This refresh's rows, in the order the scan gave them.
  const TaskTable& tasks() const { return *tasks_; }
  // The previous refresh's rows (empty for the first refresh).
  const TaskTable& previous_tasks() const { return *previous_tasks_; }
  // The row of the same task in previous_tasks(), or kNoRow for a task born since.
  std::size_t previous_row(std::size_t row) const { return previous_row_[row]; }
  bool born(std::size_t row) const { return previous_row_[row] == kNoRow; }
  // The previous value of a field of this row's task; `fallback` for a birth or a field the
  // previous row lacks.
  std::uint64_t previous_u64(std::size_t row, Field f, std::uint64_t fallback = 0) const;
  // Rows of previous_tasks() whose task is gone.
  std::span<const std::size_t> deaths() const { return deaths_; }

  const SystemSnapshot& system() const { return system_; }
  const SystemSnapshot& previous_system() const { return previous_system_; }
  // Seconds (CLOCK_MONOTONIC) from the previous refresh's reading to this one's; 0 first.
  double interval_seconds() const { return interval_seconds_; }
  // 1 for the first refresh, then 2, 3, ...
  std::uint64_t number() const { return number_; }
  // What this refresh's scan cost (the backend's count, as Scanner::last_stats()).
  const ScanStats& stats() const { return stats_; }
  // The task files kept open between refreshes (procfs backend), and what they hold of the
  // kernel's memory. None are kept when another backend served, when
  // RefreshOptions::kept_file_memory is 0, or when the proc root is not a mounted procfs.
  const KeptFileStats& kept_files() const { return kept_files_; }
  // What this refresh's machine figures cost: reads per SystemGroup.
  const std::array<std::size_t, static_cast<std::size_t>(SystemGroup::Count)>& system_reads()
      const {
    return system_reads_;
  }

 private:
  friend class Refresher;
  const TaskTable* tasks_ = nullptr;
  const TaskTable* previous_tasks_ = nullptr;
  std::vector<std::size_t> previous_row_;
  std::vector<std::size_t> deaths_;
  SystemSnapshot system_;
  SystemSnapshot previous_system_;
  double interval_seconds_ = 0;
  std::uint64_t number_ = 0;
  ScanStats stats_;
  std::array<std::size_t, static_cast<std::size_t>(SystemGroup::Count)> system_reads_{};
  KeptFileStats kept_files_;
};

class Refresher {
 public:
  // `query`'s fields get Tid and StartTime added (identity needs them). The scanner is
  // borrowed: its backend stays loaded across refreshes. `proc_root` and `utmp_path` are
  // where the machine's figures are read (SystemFigureReader); the scanner's own proc root
  // (ScannerOptions) is where its tasks are.
  Refresher(Scanner& scanner, Query query, SystemFigureSet figures, RefreshOptions options = {},
            std::string proc_root = "/proc", std::string utmp_path = "");
  ~Refresher();
  Refresher(const Refresher&) = delete;
  Refresher& operator=(const Refresher&) = delete;

  // Scans again and reads the figures right after the scan, with the CLOCK_MONOTONIC
  // reading behind interval_seconds(). Throws FatalScanError as Scanner::scan does; the
  // refresh before then stays the last one (its rows are still the previous ones).
  const Refresh& refresh();

  // A new query (other fields, threads on or off) for the next refresh; identities carry
  // over where the tasks are the same.
  void set_query(Query query);
  void set_figures(SystemFigureSet figures);
  // The query as scanned: with Tid, StartTime and the refresher's kept files (a scan of it
  // elsewhere would close the files of every task it does not read).
  const Query& query() const { return query_; }

 private:
  struct State;
  Scanner& scanner_;
  Query query_;
  SystemFigureSet figures_;
  RefreshOptions options_;
  std::unique_ptr<KeptFiles> kept_files_;  // null when options.kept_file_memory is 0
  std::unique_ptr<State> state_;
  Refresh refresh_;
};

}  // namespace procscan
