// top's two help screens ('h' or '?', then 'h' again) and the colour mapping screen ('Z'),
// as show_special text.
#pragma once

#include <array>
#include <string>

namespace td::top {

struct HelpFacts {
  std::string group_name;  // the current window's "1:Def"
  bool cumulative = false;
  float delay = 3.0f;
  bool secure = false;
  std::array<std::string, 4> window_names;
};

std::string basic_help(const HelpFacts& facts);
std::string windows_help(const HelpFacts& facts);

// What the 'Z' screen shows: the window's "1:Def", its 'B', 'z' and 'b' settings, the
// target letter (S, M, H, T), the terminal's number of colours and the target's colour.
struct ColorHelpFacts {
  std::string group_name;
  bool no_bold = false, colors = false, high_bold = false;
  char target = 'T';
  int colors_count = 8;
  int color = 0;
};
std::string color_help(const ColorHelpFacts& facts);

}  // namespace td::top
