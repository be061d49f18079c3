// A window's attributes on the terminal (top.c capsmk): the strings top writes for the
// summary's markers, the message line, prompts, column headers and task rows, in colour
// ('z' on, the window's summclr/msgsclr/headclr/taskclr) or in bold and reverse video, with
// 'B' (no bold) and 'b' (bold rather than reverse for the 'x' and 'y' highlights).
#pragma once

#include <array>
#include <string>

#include "config.h"
#include "tty_caps.h"

namespace td::top {

struct Palette {
  std::string norm;      // Cap_norm (exit_attribute_mode): plain text, ~1
  std::string bold;      // cap_bold: enter_bold_mode, or exit_attribute_mode under 'B'
  std::string summary;   // capclr_sum: the summary's numbers (~3)
  std::string message;   // capclr_msg: show_msg, and ~4
  std::string prompt;    // capclr_pmt: show_pmt, and ~5
  std::string header;    // capclr_hdr: column headers, and ~6
  std::string row_high;  // capclr_rowhigh: a running task ('y'), the sort column ('x'), ~7
  std::string row_norm;  // capclr_rownorm: every other row, ~8
  std::string caps_off;  // Caps_off: after every piece
  // show_special's captab: the attribute of the text before each marker "~0".."~8".
  std::array<std::string, 9> markers() const;
};

// capsmk for `window` on the terminal `caps`; colours need the terminal to have some
// (TtyCaps::colors > 0, which NO_COLOR makes 0).
Palette make_palette(const TtyCaps& caps, const WindowConfig& window);

}  // namespace td::top
