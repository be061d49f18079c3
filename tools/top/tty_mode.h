// The terminal's modes for interactive tdtop (top.c whack_terminal, signals_set, at_eoj,
// sig_endpgm, sig_abexit, sig_paused, sig_resize): top's nearly raw keyboard (no ICANON,
// no ECHO, one byte at a time), and the terminal put back as it was on 'q', on the ending
// signals (HUP, INT, TERM, QUIT, ALRM, PIPE, USR1, USR2) and after a crash signal.
// Process-wide, because signal handlers must reach it.
#pragma once

#include <string>

#include "tty_caps.h"

namespace td::top::tty {

// Saves stdin's modes and sets top's keyboard mode, then writes the strings that turn
// automatic margins off and the keypad on. False with top's message when stdin has no
// terminal modes ("failed tty get") or they cannot be set.
bool enter(const TtyCaps& caps, std::string* error);

// What restoring writes after the modes are back: the keypad off, the cursor on the
// screen's last line, a newline, the normal cursor, margins on. Kept current on resize.
void set_restore_text(const TtyCaps& caps, int screen_rows);

// Puts the terminal back (async-signal-safe); nothing when enter() never succeeded.
void restore();

// restore(), then exit with `status` (top's bye_bye).
[[noreturn]] void end(int status);

// top's handlers: ending signals end with status 0, crash signals restore, name the
// signal and die of it, TSTP/TTIN/TTOU give the terminal back while stopped, WINCH and
// CONT ask for a new frame. `program` names the crash message.
void install_signal_handlers(const std::string& program);

// A descriptor that becomes readable when a signal asks for a new frame (WINCH, CONT,
// the return from a stop); take_redraw() empties it and says whether one came.
int redraw_fd();
bool take_redraw();

// The window size of stdout, if it has one.
bool window_size(int* columns, int* rows);

}  // namespace td::top::tty
