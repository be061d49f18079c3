// top.c show_special: summary text carries "~1".."~8" markers where top switches colours;
// batch output drops them, the screen gives the text before each marker its attribute
// (captab), and each line is cut to the screen's columns (counted without the markers). A
// line ends at '\n' (or at "~0").
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace td::top {

// Appends every '\n'-terminated line of `glob`, markers removed, cut to `columns`.
void append_special(std::string& out, std::string_view glob, int columns);

// The screen's show_special: each piece as captab[marker] + text + caps_off (a piece
// without a marker gets captab[0]); lines end without clearing (the caller does).
struct SpecialCaps {
  std::array<std::string, 9> captab;
  std::string caps_off;
};
void append_special(std::string& out, std::string_view glob, int columns, const SpecialCaps* caps);

}  // namespace td::top
