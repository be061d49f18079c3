#include "screen.h"

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdlib>

namespace td::top {

namespace {

constexpr int kMaxColumns = 512;  // SCREENMAX
constexpr int kMinColumns = 3;    // W_MIN_COL
constexpr int kMinRows = 3;       // W_MIN_ROW
constexpr int kDumbColumns = 80;  // the dumb terminfo entry's cols#80

// ncurses _nc_getenv_num: a whole number as strtol(, 0) reads it, that fits an int; -1 if not.
int ncurses_number(const char* text) {
  if (text == nullptr) return -1;
  char* end = nullptr;
  const long value = std::strtol(text, &end, 0);
  if (value < 0 || end == text || *end != '\0' || static_cast<int>(value) < value) return -1;
  return static_cast<int>(value);
}

// top's own reading of COLUMNS and LINES for -w: a whole positive number below 2^31.
int top_number(const char* text) {
  if (text == nullptr || *text == '\0') return 0;
  char* end = nullptr;
  const long value = std::strtol(text, &end, 0);
  if (*end == '\0' && value > 0 && value <= 0x7fffffffL) return static_cast<int>(value);
  return 0;
}

}  // namespace

ScreenSize batch_screen(int width_option, std::optional<common::WindowSize> stdout_terminal,
                        const char* columns, const char* lines) {
  ScreenSize size;
  // setupterm("dumb"): the terminal's size, then COLUMNS, kept in terminfo's short.
  int cols = kDumbColumns;
  if (stdout_terminal) cols = stdout_terminal->cols;
  if (const int env = ncurses_number(columns); env > 0) cols = env;
  size.columns = static_cast<std::int16_t>(cols);
  // top asks the terminal itself as well.
  if (stdout_terminal && stdout_terminal->cols > 0 && stdout_terminal->rows > 0)
    size.columns = stdout_terminal->cols;
  if (size.columns > kMaxColumns) size.columns = kMaxColumns;
  if (size.columns < kMinColumns) size.columns = kMinColumns;

  int w_cols = 0, w_rows = 0;
  if (width_option > 0) {
    w_cols = width_option;
  } else if (width_option < 0) {
    w_cols = top_number(columns);
    w_rows = top_number(lines);
    if (!w_cols) w_cols = kMaxColumns;
    if (w_cols < kMinColumns) w_cols = kMinColumns;
    if (w_rows && w_rows < kMinRows) w_rows = kMinRows;
  }
  if (w_cols > kMaxColumns) w_cols = kMaxColumns;
  if (w_cols) size.columns = w_cols;
  size.rows = w_rows ? w_rows : INT_MAX;
  return size;
}

}  // namespace td::top
