// Failure reports a person can read: bytes escaped so that control characters, invalid
// UTF-8 and trailing blanks are visible, and the first lines where two outputs part.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace td::diff {

// One line of an output: its bytes without the newline, and whether a newline ended it
// (only the last line can lack one).
struct Line {
  std::string_view text;
  bool has_newline;
  bool operator==(const Line&) const = default;
};
std::vector<Line> split_lines(std::string_view bytes);

// Printable ASCII as is, backslash as \\, \t \r \n \e by name, every other byte as \xNN.
std::string escape_bytes(std::string_view bytes);

// "" when equal. Otherwise the line and column where `expected` and `actual` first differ,
// a few lines of context, then up to `max_lines` differing lines of each side. Each line is
// escaped and ends in '$'; very long lines are cut around the first difference.
std::string describe_difference(std::string_view expected, std::string_view actual,
                                std::string_view expected_label, std::string_view actual_label,
                                size_t max_lines = 8);

}  // namespace td::diff
