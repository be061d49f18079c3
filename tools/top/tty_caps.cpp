#include "tty_caps.h"

#include <curses.h>
#include <term.h>

#include <cstdlib>

namespace td::top {

namespace {

std::string cap(const char* s) {
  return s ? std::string(s) : std::string();
}

}  // namespace

std::string TtyCaps::go(int x, int y) const {
  if (!can_goto) return {};
  const char* s = tgoto(goto_format.c_str(), x, y);
  return s ? std::string(s) : std::string();
}

std::string TtyCaps::foreground(int color) const {
  if (setaf_format.empty()) return {};
  // tparm wants a writable string in older ncurses headers.
  std::string format = setaf_format;
  const char* s = tparm(format.data(), color, 0, 0, 0, 0, 0, 0, 0, 0);
  return s ? std::string(s) : std::string();
}

std::optional<TtyCaps> load_tty_caps(int fd) {
  int status = 0;
  if (setupterm(nullptr, fd, &status) != OK) return std::nullopt;
  TtyCaps caps;
  caps.erase_line = cap(clr_eol);
  caps.erase_below = cap(clr_eos);
  caps.clear = cap(clear_screen);
  caps.curs_huge = cap(cursor_visible);
  caps.curs_norm = cap(cursor_normal);
  caps.curs_hide = cap(cursor_invisible);
  caps.home = cap(cursor_home);
  caps.norm = cap(exit_attribute_mode);
  caps.reverse = cap(enter_reverse_mode);
  caps.bold = cap(enter_bold_mode);
  caps.keypad_on = cap(keypad_xmit);
  caps.keypad_off = cap(keypad_local);
  // capsmk: a terminal that swallows the newline after the last column keeps its margins;
  // one whose automatic margins cannot be turned off loses its last column instead.
  if (!eat_newline_glitch) {
    caps.rmam = cap(exit_am_mode);
    caps.smam = cap(enter_am_mode);
    if (caps.rmam.empty() || caps.smam.empty()) {
      caps.rmam.clear();
      caps.smam.clear();
      if (auto_right_margin) caps.avoid_eol = true;
    }
  }
  caps.caps_off = caps.norm + cap(orig_pair);
  caps.goto_format = cap(cursor_address);
  caps.setaf_format = cap(set_a_foreground);
  const char* no_color = std::getenv("NO_COLOR");
  caps.colors = no_color && *no_color ? 0 : max_colors;
  caps.can_goto = cursor_address && tgoto(cursor_address, 1, 1);
  caps.terminfo_rows = lines;
  caps.terminfo_columns = columns;
  const char* const strings[] = {key_backspace, key_ic,   key_dc,    key_left,  key_down, key_up,
                                 key_right,     key_home, key_npage, key_ppage, key_end,  back_tab};
  const int codes[] = {kKeyBackspace, kKeyInsert, kKeyDelete,   kKeyLeft,   kKeyDown, kKeyUp,
                       kKeyRight,     kKeyHome,   kKeyPageDown, kKeyPageUp, kKeyEnd,  kKeyBackTab};
  for (std::size_t i = 0; i < caps.keys.size(); ++i)
    caps.keys[i] = {cap(strings[i]), codes[i]};
  return caps;
}

}  // namespace td::top
