// How wide top's batch output is (top.c adj_geometry after setupterm("dumb")): the
// terminal's width when stdout is one, else the dumb terminal's 80 columns or COLUMNS as
// ncurses reads it; -w N, or -w alone with COLUMNS and LINES; at least 3 and at most 512.
#pragma once

#include <optional>

#include "terminal.h"

namespace td::top {

struct ScreenSize {
  int columns = 80;
  int rows = 0x7fffffff;  // every task, unless -w found LINES
};

// `width_option`: 0 without -w, -1 for -w alone, else -w's N. The environment values are
// COLUMNS and LINES (null when unset).
ScreenSize batch_screen(int width_option, std::optional<common::WindowSize> stdout_terminal,
                        const char* columns, const char* lines);

}  // namespace td::top
