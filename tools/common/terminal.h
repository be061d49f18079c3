// Terminal facts the tools base their line width on.
#pragma once

#include <optional>

namespace td::common {

struct WindowSize {
  int cols = 0;
  int rows = 0;
};

// TIOCGWINSZ on one descriptor; nothing when it is not a terminal or reports 0 x 0.
std::optional<WindowSize> window_size_of(int fd);

// The window size the procps tools find: stdout, then stderr, then stdin, then /dev/tty.
std::optional<WindowSize> find_window_size();

bool is_terminal(int fd);

// A whole-string number from the environment, parsed like strtol(s, &end, 0) (so "0x50"
// works), kept only when 0 < value < upper_bound: the procps rule for COLUMNS and LINES.
std::optional<long> environment_number(const char* name, long upper_bound);

}  // namespace td::common
