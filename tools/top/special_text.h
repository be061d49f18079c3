// top.c show_special in batch mode: summary text carries "~1".."~8" markers where top
// switches colours; batch output drops them, and each line is cut to the screen's columns
// (counted without the markers). A line ends at '\n' (or at "~0").
#pragma once

#include <string>
#include <string_view>

namespace td::top {

// Appends every '\n'-terminated line of `glob`, markers removed, cut to `columns`.
void append_special(std::string& out, std::string_view glob, int columns);

}  // namespace td::top
