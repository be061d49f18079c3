// What td-diff hides before comparing top's output with tdtop's: only numbers that move
// between two runs of any program on the same machine, and only where top prints them.
// The rule (also in the header of top_cases.txt):
//   - the first summary line (the program's name, " - "): its clock, its uptime and its
//     load averages (all three one token "<load>": a load of 10 or more prints wider);
//   - the CPU lines ("%Cpu", "%Node") and the memory lines ("KiB Mem :", "MiB Swap:", ...
//     in every scale): after the label's ':', each run of digits, blanks and dots that
//     holds a digit, and the inside of a bar or block graph ("[...]").
// A masked run becomes '#' characters of the same length, so a number printed in another
// width, a truncation '+', a wrong label, unit or word still fails the case. Task rows,
// headers and the task counts are compared byte for byte.
#pragma once

#include <string>
#include <string_view>

namespace td::diff {

// Masks top's moving summary numbers in a whole batch output (every frame).
void mask_top_output(std::string& out, std::string_view program);

// @noself for top: drops, in every frame, the task rows whose PID column holds `pid`.
// False when no frame has a PID header. Unlike ps, a frame need not show the tool: a filter
// (-i, -u, LINES) may hide it in one run and not in another.
bool drop_top_self_rows(std::string& out, long pid);

}  // namespace td::diff
