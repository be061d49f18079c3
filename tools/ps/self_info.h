// Diagnostics on stderr: `ps --info` (procps global.c self_info, in its shape, with td's
// facts where procps prints its own internals) and --debug's scan summary.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

#include "personality.h"
#include "procscan/scanner.h"

namespace td::ps {

struct InfoFacts {
  PersonalityChoice personality;
  std::string version_line;  // version_text() without its newline
  int screen_cols = 80;
  int screen_rows = 24;
  uid_t euid = 0;
  dev_t tty = 0;
  long page_size = 4096;
};

std::string info_text(const InfoFacts& facts);

// One line: the backend that served the last scan and why, rows and vanished tasks, and
// the reads per group ("tdps: backend=procfs (...) rows=12 vanished=0 reads: stat=12 ...").
std::string scan_summary(const procscan::Scanner& scanner);

}  // namespace td::ps
