#include "files/fd_listing.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>

namespace procscan::files {

namespace {

struct LinuxDirent64 {
  std::uint64_t d_ino;
  std::int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

// Enough for 10,000 descriptors in one call; the dentry work per entry dominates anyway.
constexpr std::size_t kBufferSize = 256 * 1024;
// A record with a NAME_MAX name, padded to 8 bytes.
constexpr std::size_t kLongestEntry = (offsetof(LinuxDirent64, d_name) + 255 + 1 + 7) / 8 * 8;

// Descriptor names are decimal, 0 included.
bool parse_fd(const char* name, int& fd) {
  if (*name == '\0') return false;
  long long value = 0;
  for (const char* p = name; *p; ++p) {
    if (*p < '0' || *p > '9') return false;
    value = value * 10 + (*p - '0');
    if (value > 0x7fffffff) return false;
  }
  fd = static_cast<int>(value);
  return true;
}

}  // namespace

FdLister::FdLister() : buffer_(kBufferSize) {}

int FdLister::list(int dirfd, std::vector<int>& fds) {
  fds.clear();
  int calls = 0;
  bool sorted = true;
  for (;;) {
    const long n = ::syscall(SYS_getdents64, dirfd, buffer_.data(), buffer_.size());
    ++calls;
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (n == 0) break;
    for (long offset = 0; offset < n;) {
      auto* entry = reinterpret_cast<const LinuxDirent64*>(buffer_.data() + offset);
      offset += entry->d_reclen;
      int fd;
      if (!parse_fd(entry->d_name, fd)) continue;
      if (!fds.empty() && fds.back() > fd) sorted = false;
      fds.push_back(fd);
    }
    // procfs fills the buffer while it has entries (proc_readfd_common stops at the first
    // that does not fit), so room for one more means the end: no call that returns 0.
    if (static_cast<std::size_t>(n) + kLongestEntry <= buffer_.size()) break;
  }
  if (!sorted) std::sort(fds.begin(), fds.end());
  return calls;
}

}  // namespace procscan::files
