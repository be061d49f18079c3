#include "layout.h"

#include <algorithm>

namespace td::ps {

namespace {

// procps writes a column's padding from a fixed run of spaces this long.
constexpr int kSpaceAmount = 144;

// procps keeps the room of a cell in an unsigned variable: a negative room wraps around
// and is then clamped to the buffer size, so a line that already ran past the screen is
// not cut any further.
int clamp_room(long long room) {
  if (room == 0) return 0;
  if (room < 0 || room >= kOutbufSize) return kOutbufSize - 1;
  return static_cast<int>(room);
}

}  // namespace

LineLayout::LineLayout(std::vector<LayoutColumn> columns, const LayoutOptions& options)
    : columns_(std::move(columns)), options_(options) {
  long long total = 0;
  int was_normal = 0;  // whether the previous column asks for a gap
  int signals = 0;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const LayoutColumn& column = columns_[i];
    const bool last = i + 1 == columns_.size();
    if (!column.has_printer) {
      total += column.width;
      was_normal = 0;
      continue;
    }
    if (column.align == Align::Signal) ++signals;
    // An unlimited last column counts 3 cells: it only needs a start on the line.
    const int width = column.align == Align::Unlimited && last ? 3 : column.width;
    total += width + was_normal;
    was_normal = 1;
  }
  const long long screen = options_.screen_cols > 0 ? options_.screen_cols : 1;
  for (long long i = 1;; ++i) {
    active_cols_ = static_cast<int>(std::min<long long>(screen * i, 1LL << 30));
    if (active_cols_ >= total) break;
    if (screen * i >= kOutbufSize / 2) break;
  }
  wide_signals_ = total + signals * 7 <= active_cols_;
}

bool LineLayout::has_header_text() const {
  return std::any_of(columns_.begin(), columns_.end(), [](const LayoutColumn& column) {
    return column.has_printer && !column.header.empty();
  });
}

void LineLayout::render_header(std::string& out) const {
  render(nullptr, out);
}

void LineLayout::render_line(CellSource& source, std::string& out) const {
  render(&source, out);
}

void LineLayout::render(CellSource* source, std::string& out) const {
  int correct = 0;  // where the cursor should be
  int actual = 0;   // where it is
  int dospace = 0;  // the previous column asks for a one-space gap
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const LayoutColumn& column = columns_[i];
    const bool last = i + 1 == columns_.size();
    int legit = 0;  // extra width a wide signal column legitimately took
    int tmpspace = 0;
    int max_cells = 0;
    if (!last) {
      max_cells = clamp_room(column.width);
    } else {
      tmpspace = correct - actual;
      if (tmpspace < 1) {
        tmpspace = dospace;
        max_cells = clamp_room(static_cast<long long>(active_cols_) - actual - tmpspace);
      } else {
        max_cells = clamp_room(static_cast<long long>(active_cols_) - std::max(correct, actual));
      }
    }

    // The cell goes straight onto the line; its padding, which depends on its width, is
    // put in front of it afterwards. A scratch string per cell cost a copy, and for long
    // command lines an allocation, on every line.
    const std::size_t start = out.size();
    int amount = 0;
    if (source != nullptr && column.has_printer) {
      amount = source->cell(i, max_cells, out);
    } else {
      out.append(column.header);
      amount = static_cast<int>(column.header.size());
    }
    if (amount < 0) amount = 0;
    if (amount >= kOutbufSize) amount = kOutbufSize - 1;
    const std::size_t cell_bytes = out.size() - start;

    // procps tests this room as unsigned: only exactly zero means "no room left".
    const bool no_room = static_cast<long long>(active_cols_) - actual - tmpspace == 0;
    int leftpad = 0;
    switch (column.has_printer ? column.align : Align::Left) {
      case Align::Left:
        break;
      case Align::Right:
        leftpad = std::max(0, column.width - amount);
        break;
      case Align::Signal:
        if (wide_signals_) {
          leftpad = std::max(0, 16 - amount);
          legit = 7;
        } else {
          leftpad = std::max(0, 9 - amount);
        }
        break;
      case Align::User:
        if (options_.user_is_number) leftpad = std::max(0, column.width - amount);
        break;
      case Align::Wchan:
        if (options_.wchan_is_number)
          leftpad = std::max(0, column.width - amount);
        else if (no_room && cell_bytes > 1)
          out.resize(start + 1);  // the column is (mostly) lost
        break;
      case Align::Unlimited:
        if (no_room && cell_bytes > 1) out.resize(start + 1);
        break;
    }

    int space = correct - actual + leftpad;
    if (space < 1) space = dospace;
    if (space > kSpaceAmount) space = kSpaceAmount;

    if (space > 0) out.insert(start, static_cast<std::size_t>(space), ' ');
    if (last) {
      out.push_back('\n');
      return;
    }
    actual += space + amount;
    correct += column.width + legit;
    if (column.has_printer && columns_[i + 1].has_printer) {
      ++correct;
      dospace = 1;
    } else {
      dospace = 0;
    }
  }
}

}  // namespace td::ps
