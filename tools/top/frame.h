// One batch frame from one refresh (top.c frame_make, summary_show, window_show): the
// tasks the frame counts and shows, the summary, and each shown window's task area; also
// what the refresh engine must read for it.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "cell_context.h"
#include "columns.h"
#include "command_line.h"
#include "config.h"
#include "palette.h"
#include "procscan/query.h"
#include "procscan/refresh.h"
#include "procscan/system_figures.h"
#include "summary.h"
#include "task_area.h"

namespace td::top {

// Facts of the machine and the run, known before the first refresh.
struct RunFacts {
  std::string program;    // argv[0]'s base name
  int columns = 80;       // Screen_cols
  int rows = 0x7fffffff;  // Screen_rows: all of them unless -w found LINES
  long hertz = 100;
  long page_size = 4096;
  int pid_digits = 5;
  int cpus = 1;                 // CPUs at startup (the P column's width, the %CPU cap)
  std::vector<int> numa_nodes;  // NUMA node of each CPU; empty without libnuma
  bool hide_kernel = false;     // LIBPROC_HIDE_KERNEL
  common::TextMode text;
};

class FrameMaker {
 public:
  FrameMaker(const TopConfig& config, const RunOptions& run, const RunFacts& facts);

  // What a refresh must read for the shown windows.
  procscan::Query query() const;
  procscan::SystemFigureSet figures() const;

  // Appends frame `number` (1 first) of `refresh` as top -b prints it.
  void append_text(std::string& out, const procscan::Refresh& refresh, int number);
  // Appends frame `number` as one line of JSON (--json).
  void append_json(std::string& out, const procscan::Refresh& refresh, int number);

  // Interactive mode: the settings keys changed, and the terminal's size.
  void set_settings(const TopConfig& config, const RunOptions& run);
  void set_screen(int columns, int rows);
  // Interactive mode: rows keep their trailing blanks, as top's screen rows do.
  void keep_trailing_blanks(bool keep) { keep_blanks_ = keep; }
  // Interactive mode: each window's attributes (capsmk), written into the text: the
  // summary's markers (the current window's), column headers and rows.
  void set_palettes(const std::array<Palette, kWindows>& palettes) { palettes_ = palettes; }
  // Interactive mode: the threads of process `pid` other than its main one (tdtop's key
  // thread) are neither shown nor counted, as top, one thread, has none.
  void hide_helper_threads_of(int pid) { own_pid_ = pid; }
  // The fields a window shows on this screen, in order (top's procflgs).
  std::vector<FieldId> shown_fields(int window) const;
  // After a key a command handled: the current window looks for its first visible task
  // again, from the one before its first (top.c do_key's mkVIZrow1).
  void after_key();
  // '=' (win_reset): the current window's position back to its first task.
  void reset_position();
  // The last text frame's message line (top's Msg_row: the lines the summary took) and the
  // lines holding a window's column header (0 is the frame's first line).
  int message_row() const { return message_row_; }
  const std::vector<int>& header_lines() const { return header_lines_; }
  // The pid of the current window's first task in its order (top's default pid for k, r).
  int first_task_pid() const { return first_task_pid_; }
  // A window's scroll state (rows, columns, L's search), which the scroll keys change.
  WindowPosition& position(int window) { return positions_[static_cast<std::size_t>(window)]; }
  // A window's columns as its horizontal scroll leaves them on this screen.
  ScrollFacts scroll_facts(int window) const;

  // Whether the last frame cut a value in a column that X -1 widens: the next frame is
  // then made at once, as top does after widening its columns.
  bool widths_grew() const { return widths_grew_; }
  // Every field's width now (top's Fieldstab widths).
  const FieldWidths& widths() const { return widths_; }
  // top's complaint about this machine's pid or CPU numbers, if any.
  const std::string& width_error() const { return widths_.error; }

 private:
  // The tasks a frame counts and may show, and their counts by state.
  struct FrameTasks {
    std::vector<TaskView> tasks;
    TaskCounts counts;
  };
  FrameTasks collect(const procscan::Refresh& refresh);
  FrameFacts frame_facts(const procscan::Refresh& refresh) const;
  SummaryInput summary_input(const procscan::Refresh& refresh, const FrameTasks& tasks) const;
  std::vector<int> shown_windows() const;
  void grow_widths();

  TopConfig config_;
  RunOptions run_;
  RunFacts facts_;
  WidthFacts width_facts_;
  FieldWidths widths_;
  NameCaches names_;
  std::array<WindowPosition, kWindows> positions_{};
  std::array<bool, kFieldCount> cut_{};
  bool widths_grew_ = false;
  bool keep_blanks_ = false;
  std::optional<std::array<Palette, kWindows>> palettes_;
  int own_pid_ = 0;
  int message_row_ = 0;
  std::vector<int> header_lines_;
  int first_task_pid_ = 0;
};

}  // namespace td::top
