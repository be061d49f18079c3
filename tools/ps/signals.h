// Signal dispositions as procps-ng ps sets them.
//
// ps catches most signals (all of 1..31 but INT, QUIT, KILL, CONT, STOP, TSTP, TTOU,
// URG, PROF, WINCH). Its own CAUGHT/IGNORED masks show in its output ("ps s", "ps m"),
// so tdps sets the same ones. A closed pipe ends the run quietly with status 0 (`ps |
// head`); HUP, USR1 and USR2 end it with status 1; any other caught signal still
// terminates the process by that signal.
#pragma once

namespace td::ps {

void install_signal_handlers();

}  // namespace td::ps
