// Interactive tdtop (top.c main's loop and frame_make without -b): the terminal in top's
// keyboard mode, a frame per refresh with the delay between them, keys answered while the
// scan runs on its own thread (scan_worker.h), a redraw on SIGWINCH, and the terminal put
// back on 'q' and on the ending signals.
#pragma once

#include <string>

#include "command_line.h"
#include "config.h"
#include "frame.h"
#include "procscan/scanner.h"
#include "tty_caps.h"

namespace td::top {

// Runs until 'q', -n frames or an ending signal; returns the exit status.
int run_interactive(TopConfig& config, RunOptions& run, RunFacts facts, procscan::Scanner& scanner,
                    const TtyCaps& caps, const std::string& rc_path);

}  // namespace td::top
