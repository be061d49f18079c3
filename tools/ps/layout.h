// The ps line layout engine (procps-ng output.c show_one_proc and check_header_width),
// independent of where cell text comes from.
//
// Each column has a nominal width. The engine tracks where the cursor should be
// ("correct": widths plus one-space gaps) and where it is ("actual"). A value wider than
// its column pushes the rest of the line right, and the next right-justified column uses
// up its left padding to get back in line, keeping at least one space. Left-justified
// columns are padded by the next column's gap, so the last column is never padded. The
// last column may use the rest of the line: the line width is the smallest multiple of
// the screen width that holds all fixed columns.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "columns.h"

namespace td::ps {

// procps' output buffer size: the line width when stdout is not a terminal, and the most
// any single cell may hold.
inline constexpr int kOutbufSize = 128 * 1024;

struct LayoutColumn {
  std::string header;
  int width = 0;
  Align align = Align::Left;
  // False for the literal text between AIX descriptors ("%p:%c"): it prints its header
  // text on every line and takes no gap.
  bool has_printer = true;
};

struct LayoutOptions {
  int screen_cols = 80;
  bool user_is_number = false;   // n: User columns are right-justified
  bool wchan_is_number = false;  // n: Wchan columns are right-justified
};

// Supplies the text of one cell of the current line.
class CellSource {
 public:
  virtual ~CellSource() = default;
  // Appends the text of column `index` to `out`, using at most `max_cells` cells where
  // the column honours a limit, and returns the cells it took.
  virtual int cell(std::size_t index, int max_cells, std::string& out) = 0;
};

class LineLayout {
 public:
  LineLayout(std::vector<LayoutColumn> columns, const LayoutOptions& options);

  const std::vector<LayoutColumn>& columns() const { return columns_; }
  // The width lines are cut to: a multiple of the screen width holding the fixed columns.
  int active_cols() const { return active_cols_; }
  // Whether the line width passes procps' output buffer, which only a --cols beyond it
  // makes happen: ps then says "fix bigness error" for every line it makes.
  bool beyond_buffer() const { return active_cols_ > kOutbufSize; }
  // Whether signal masks get 16 digits instead of 9 cells.
  bool wide_signals() const { return wide_signals_; }
  // False when no column has a header (all "-o spec="): then none is printed.
  bool has_header_text() const;

  // Appends the header line, newline included.
  void render_header(std::string& out) const;
  // Appends one line of cells, newline included.
  void render_line(CellSource& source, std::string& out) const;

 private:
  void render(CellSource* source, std::string& out) const;
  // Whether a column's padding depends on its cell's width (right-justified).
  bool pads_by_width(Align align) const;

  std::vector<LayoutColumn> columns_;
  LayoutOptions options_;
  int active_cols_ = 0;
  bool wide_signals_ = false;
};

}  // namespace td::ps
