// The field management screen, the f command (top.c fields_utility, display_fields): the
// current window's fields in their order, shown ones starred, in as many columns as the
// screen needs; Up/Down, PgUp/PgDn and Home/End move the cursor, 'd' or Space shows or hides
// a field, 's' sorts on it, Right picks it up to move with Up/Down and Left or Enter puts it
// down, 'a' and 'w' go to the next and previous window; 'q' or Escape ends. A resize draws
// it anew at the new size.
#pragma once

#include "config.h"
#include "key_input.h"
#include "tty_screen.h"

namespace td::top {

// Runs the screen until 'q' or Escape; the caller draws the task screen again afterwards.
void manage_fields(TopConfig& config, TtyScreen& screen, KeyInput& keys);

}  // namespace td::top
