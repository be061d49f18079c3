// The batch run (top.c main and frame_make's refreshes): a priming refresh, top's 0.15 s
// wait, then a frame per refresh with the delay between them, until -n frames are out.
#pragma once

#include "command_line.h"
#include "config.h"
#include "frame.h"
#include "output_buffer.h"
#include "procscan/scanner.h"

namespace td::top {

// Runs the frames; returns the exit status.
int run_batch(const TopConfig& config, const RunOptions& run, const RunFacts& facts,
              procscan::Scanner& scanner, common::OutputBuffer& out);

// Ends a batch run on top's ending signals (INT, TERM, QUIT, ALRM, USR1, USR2): the
// closing newline, status 0; HUP is ignored, so that the run survives nohup.
void install_batch_signal_handlers(bool closing_newline);

}  // namespace td::top
