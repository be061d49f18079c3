// Runs a parsed ps invocation: plans the query from the columns and the selection,
// scans, selects and prints through the layout engine.
#pragma once

#include "command_line.h"
#include "output_buffer.h"
#include "procscan/scanner.h"
#include "procscan/system_info.h"

namespace td::ps {

// Returns the exit status: 0 when at least one task was printed, else 1 (after printing
// the header, as ps does).
int run_report(const Invocation& invocation, procscan::Scanner& scanner,
               procscan::SystemInfo& system, common::OutputBuffer& out);

// The fields the invocation's columns and selection read: the whole query plan.
procscan::FieldSet planned_fields(const Invocation& invocation);

}  // namespace td::ps
