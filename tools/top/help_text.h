// top's two help screens ('h' or '?', then 'h' again), as show_special text.
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

}  // namespace td::top
