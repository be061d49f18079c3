// Whole-file reads for small system-wide files (/proc/stat, /proc/tty/drivers, ...), read
// once per run; per-task files go through procfs::FileReader and its reused buffer instead.
#pragma once

#include <string>

namespace procscan {

// The file's contents, or "" when it cannot be opened.
std::string read_small_file(const std::string& path);

}  // namespace procscan
