// The process tree of f, --forest and -H (procps display.c show_forest/show_tree).
//
// Processes come sorted by ppid (then start time or the user's keys). A process whose
// parent is not shown is a root; roots are shown from the end of the sorted list back,
// each followed by its children in sorted order, depth first; the children of pid 1 stay
// on its level except with -H.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace td::ps {

struct ForestLine {
  std::size_t index;   // into the sorted processes
  std::string prefix;  // one letter per level: 'L' last child, '+' child, '|' and ' ' above
};

// `forest_type` is 'b' (f), 'g' (--forest) or 'u' (-H).
std::vector<ForestLine> forest_order(std::span<const std::int64_t> pids,
                                     std::span<const std::int64_t> ppids, char forest_type);

// Appends the tree art of a prefix, 4 cells a level (" \_ ", " |  ", "    "; 2 blanks a
// level for -H, forest_type 'u'), while at least that many cells are left. Returns the
// cells used.
int append_forest_art(std::string& out, std::string_view prefix, char forest_type, int max_cells);

}  // namespace td::ps
