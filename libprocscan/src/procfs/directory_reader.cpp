#include "procfs/directory_reader.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace procscan::procfs {

namespace {

// The layout of a linux_dirent64 record; glibc 2.36 has no getdents64 wrapper declaration
// in every configuration, so the syscall is used directly.
struct LinuxDirent64 {
  std::uint64_t d_ino;
  std::int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

// Buffer size does not change the per-entry cost (dentry instantiation dominates) but a
// large one keeps the syscall count at a handful for 100k entries.
constexpr std::size_t kBufferSize = 256 * 1024;
// A record with a NAME_MAX name, padded to 8 bytes.
constexpr std::size_t kLongestEntry = (offsetof(LinuxDirent64, d_name) + 255 + 1 + 7) / 8 * 8;

bool parse_pid(const char* name, pid_t& pid) {
  std::uint64_t value = 0;
  if (*name == '\0') return false;
  for (const char* p = name; *p; ++p) {
    if (*p < '0' || *p > '9') return false;
    value = value * 10 + static_cast<std::uint64_t>(*p - '0');
    if (value > 0x7fffffff) return false;
  }
  pid = static_cast<pid_t>(value);
  return pid > 0;
}

}  // namespace

bool list_numeric_entries(int dirfd, std::vector<pid_t>& out, ListEnd end) {
  // Static: the scan is single-threaded per reader, and this avoids a 256 KiB allocation
  // per task/ directory when threads are listed.
  thread_local std::vector<char> buffer(kBufferSize);
  for (;;) {
    const long n = ::syscall(SYS_getdents64, dirfd, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) return true;
    for (long offset = 0; offset < n;) {
      auto* entry = reinterpret_cast<const LinuxDirent64*>(buffer.data() + offset);
      pid_t pid;
      if (parse_pid(entry->d_name, pid)) out.push_back(pid);
      offset += entry->d_reclen;
    }
    if (end == ListEnd::RoomLeft && static_cast<std::size_t>(n) + kLongestEntry <= buffer.size())
      return true;
  }
}

PidRange list_proc_pids(int rootfd, pid_t from, pid_t end, std::vector<pid_t>& out) {
  PidRange range;
  if (from > 0 && ::lseek(rootfd, kProcPidPosition + from, SEEK_SET) < 0) return range;
  thread_local std::vector<char> buffer(kBufferSize);
  pid_t previous = 0;
  long long previous_off = 0;
  for (;;) {
    const long n = ::syscall(SYS_getdents64, rootfd, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return range;
    }
    range.read = true;
    if (n == 0) break;
    for (long offset = 0; offset < n;) {
      auto* entry = reinterpret_cast<const LinuxDirent64*>(buffer.data() + offset);
      offset += entry->d_reclen;
      pid_t pid;
      if (!parse_pid(entry->d_name, pid)) continue;
      if (previous > 0) {
        range.positions_seen = true;
        if (previous_off != kProcPidPosition + pid) range.positions_wrong = true;
      }
      if (pid < from) range.positions_wrong = true;  // the seek did not land at `from`
      if (pid >= end) return range;
      out.push_back(pid);
      previous = pid;
      previous_off = entry->d_off;
    }
  }
  return range;
}

}  // namespace procscan::procfs
