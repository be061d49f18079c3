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

// The gap before a cell: what brings the cursor back in line, else the one space the
// previous column asks for, and never more than procps' run of spaces.
int gap(int wanted, int dospace) {
  if (wanted < 1) return dospace;
  return std::min(wanted, kSpaceAmount);
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

bool LineLayout::pads_by_width(Align align) const {
  switch (align) {
    case Align::Right:
    case Align::Signal:
      return true;
    case Align::User:
      return options_.user_is_number;
    case Align::Wchan:
      return options_.wchan_is_number;
    case Align::Left:
    case Align::Unlimited:
      return false;
  }
  return false;
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

    // The cell goes straight onto the line. A column justified to the left follows its
    // gap; one justified to the right needs the cell's width first, so its padding is put
    // in front of the cell afterwards. (A scratch string per cell cost a copy, and for
    // long command lines an allocation, on every line.)
    const Align align = column.has_printer ? column.align : Align::Left;
    const bool right = pads_by_width(align);
    int space = 0;
    if (!right) {
      space = gap(correct - actual, dospace);
      out.append(static_cast<std::size_t>(space), ' ');
    }
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

    if (right) {
      int leftpad = std::max(0, column.width - amount);
      if (align == Align::Signal) {
        leftpad = std::max(0, (wide_signals_ ? 16 : 9) - amount);
        if (wide_signals_) legit = 7;
      }
      space = gap(correct - actual + leftpad, dospace);
      if (space > 0) out.insert(start, static_cast<std::size_t>(space), ' ');
    } else if (align == Align::Wchan || align == Align::Unlimited) {
      // procps tests this room as unsigned: only exactly zero means "no room left". The
      // column is then (mostly) lost.
      const bool no_room = static_cast<long long>(active_cols_) - actual - tmpspace == 0;
      if (no_room && out.size() - start > 1) out.resize(start + 1);
    }

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
