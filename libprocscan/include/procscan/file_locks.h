// The file locks /proc/locks lists, by holder and file: what lsof shows as the lock
// character after a descriptor's access mode (3uW).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace procscan {

struct FileLock {
  pid_t pid = 0;
  std::uint64_t dev = 0;  // glibc's dev_t encoding, as stat(2) gives st_dev
  std::uint64_t ino = 0;
  // lsof's character: 'R' or 'W' for a lock of the whole file, 'r' or 'w' for part of it.
  char type = ' ';
};

class FileLocks {
 public:
  // One read of PROC_ROOT/locks; empty when it cannot be read.
  static FileLocks read(const std::string& proc_root = "/proc");
  // The text of /proc/locks. Lines of blocked waiters ("->") and lines that do not parse
  // are skipped.
  static FileLocks parse(std::string_view text);

  // The lock `pid` holds on the file, ' ' for none. Of several, the one listed last
  // (lsof keeps them in a list it builds at its head).
  char lock_of(pid_t pid, std::uint64_t dev, std::uint64_t ino) const;

  const std::vector<FileLock>& locks() const { return locks_; }

 private:
  std::vector<FileLock> locks_;
};

}  // namespace procscan
