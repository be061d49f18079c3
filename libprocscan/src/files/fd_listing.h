// The descriptor numbers in a task's fd/ directory, with getdents64 and one large buffer.
#pragma once

#include <vector>

namespace procscan::files {

class FdLister {
 public:
  FdLister();
  // Replaces `fds` with the numbers of the directory open as `dirfd`, ascending (procfs lists
  // them so; a captured tree need not). Returns the number of getdents64 calls, or -1 with
  // errno set when the directory could not be read.
  int list(int dirfd, std::vector<int>& fds);

 private:
  std::vector<char> buffer_;
};

}  // namespace procscan::files
