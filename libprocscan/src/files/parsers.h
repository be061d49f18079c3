// The open-files text parsers: fdinfo and maps, following what lsof 4.95 takes from them
// (lib dialects/linux/dproc.c: get_fdinfo, process_proc_map). They read only inside the
// text they are given, whatever it holds.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "procscan/open_files.h"

namespace procscan::files {

// Fills `info` from /proc/PID/fdinfo/N text: pos, flags, mnt_id, ino, eventfd-id, Pid (a
// pidfd's), tty-index and the epoll "tfd:" numbers, which are appended to `tfds` (info's
// first_tfd and tfd_count say where). A value counts only when its whole token is a number
// as strtoul(base 0) reads it, as in lsof; a line without a value is skipped. Returns whether
// pos or flags was found (what every fdinfo has).
bool parse_fdinfo(std::string_view text, FdInfo& info, std::vector<int>& tfds);

// One mapping of a file, as lsof keeps it: one with a path and a device or inode.
struct MapsEntry {
  std::uint64_t dev = 0;  // makedev(major, minor)
  std::uint64_t ino = 0;
  std::string_view path;  // without " (deleted)"
  bool deleted = false;
};

// Walks /proc/PID/maps text line by line.
class MapsCursor {
 public:
  explicit MapsCursor(std::string_view text) : rest_(text) {}
  // The next mapping of a file (lines lsof skips are skipped: anonymous, [heap], [vdso],
  // short or malformed lines); false at the end.
  bool next(MapsEntry& entry);

 private:
  std::string_view rest_;
};

}  // namespace procscan::files
