// The command text procps shows for a task: its cleaned command line, or "[comm]".
// Shared by tdps and tdtop, whose references build it the same way (libproc2 readproc.c).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "text.h"

namespace td::common {

// The most procps reads of a command line or environment (MAX_BUFSZ - 1 bytes).
inline constexpr std::size_t kProcpsArgumentBytes = 128 * 1024 - 1;

// /proc/PID/cmdline bytes as procps shows them: NULs and newlines become spaces, trailing
// NULs are dropped, a last byte that is a space or newline is dropped, and the result is
// cleaned (pass 1). Nothing when the file was empty (kernel threads, zombies): the caller
// then shows the bracketed command name. A command line of only NULs shows as "?".
std::optional<std::string> procps_command_line(std::string_view raw, const TextMode& mode);

// /proc/PID/environ as procps shows it after the command (BSD "e"): converted like a
// command line, "-" when empty or unreadable.
std::string procps_environment(std::string_view raw, const TextMode& mode);

// The kernel command name as procps keeps it: cut to 63 bytes, then cleaned (pass 1).
std::string procps_command_name(std::string_view comm, const TextMode& mode);

// "[name]", plus " <defunct>" for a zombie: what stands in for an empty command line.
// `name` is the result of procps_command_name.
std::string procps_bracketed_name(std::string_view name, bool zombie, const TextMode& mode);

}  // namespace td::common
