// A line typed at a prompt on the message line (top.c ioline, TERMIOS_ONLY unset): top's
// editing keys (Backspace, Delete, Left, Right, Home, End, Insert for overtype), the echo
// after each key, Enter to end and Escape to give up. Bytes are columns here: top's
// multi-byte editing and its recall of earlier lines (Up, Down) are not done.
#pragma once

#include <string>
#include <string_view>

#include "key_input.h"
#include "tty_screen.h"

namespace td::top {

// What a prompt answered: the line, or "\033" when Escape ended it, or "" at EOF.
std::string read_line(TtyScreen& screen, KeyInput& keys, std::string_view prompt, int message_row);

}  // namespace td::top
