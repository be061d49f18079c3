// The terminal's capabilities as top reads them from terminfo (top.c whack_terminal's
// setupterm and capsmk): the strings a frame, a prompt and the exit write, the cursor
// keys, and the size terminfo gives before the window size is asked.
#pragma once

#include <array>
#include <optional>
#include <string>

namespace td::top {

// top's key codes (top.h kbd_*): bytes below 128 are themselves.
enum Key : int {
  kKeyNone = 0,
  kKeyEscape = '\033',
  kKeyEnter = '\n',
  kKeyUp = 129,
  kKeyDown,
  kKeyLeft,
  kKeyRight,
  kKeyPageUp,
  kKeyPageDown,
  kKeyHome,
  kKeyEnd,
  kKeyBackspace,
  kKeyInsert,
  kKeyDelete,
  kKeyBackTab,
};

// A key's terminfo string (empty when the terminal has none) and its code.
struct KeyString {
  std::string text;
  int key = kKeyNone;
};

struct TtyCaps {
  // Named apart from term.h's macros: clr_eol, clr_eos, clear_screen, keypad_xmit ...
  std::string erase_line, erase_below, clear, curs_huge, curs_norm, curs_hide, home, norm, reverse,
      bold, rmam, smam, keypad_on, keypad_off;
  std::string caps_off;  // exit_attribute_mode and orig_pair
  bool can_goto = false;
  bool avoid_eol = false;  // auto margins without a way to turn them off: one column less
  int terminfo_rows = 0, terminfo_columns = 0;  // before the window size is asked
  std::array<KeyString, 12> keys;               // key_backspace ... back_tab, in top's iokey order
  std::string goto_format;                      // cursor_address
  // max_colors (term.h makes that name a macro), or 0 when NO_COLOR is set and not empty
  // (https://no-color.org; top 4.0.2 itself ignores it): colours are then off whatever 'z'
  // and the rcfile say.
  int colors = -1;
  std::string setaf_format;  // set_a_foreground

  // tparm(set_a_foreground, color): empty on a terminal without it.
  std::string foreground(int color) const;

  // tgoto(cursor_address, x, y), or nothing on a terminal without cursor addressing.
  std::string go(int x, int y) const;
};

// setupterm(TERM, stdout): nothing when terminfo does not know the terminal (top then ends
// with status 1 and, its stderr being /dev/null at that point, no message).
std::optional<TtyCaps> load_tty_caps(int fd);

}  // namespace td::top
