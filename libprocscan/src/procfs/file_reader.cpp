#include "procfs/file_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "util/unique_fd.h"

namespace procscan::procfs {

namespace {
// Most stat/status files fit in a page; the buffer grows (and stays grown) for long
// command lines and environments.
constexpr std::size_t kInitialBuffer = 16 * 1024;
}  // namespace

FileReader::FileReader() : buffer_(kInitialBuffer) {}

ReadStatus classify_errno(int err) {
  switch (err) {
    case ENOENT:
    case ESRCH:
      return ReadStatus::Vanished;
    case EACCES:
    case EPERM:
      return ReadStatus::Denied;
    default:
      return ReadStatus::Failed;
  }
}

ReadStatus FileReader::read(int dirfd, const char* path, std::string_view& text, FileEnd end) {
  UniqueFd fd(::openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (!fd) return classify_errno(errno);
  return read_open(fd.get(), text, end);
}

ReadStatus FileReader::read_open(int fd, std::string_view& text, FileEnd end) {
  return read_from(fd, text, end, false);
}

ReadStatus FileReader::reread(int fd, std::string_view& text, FileEnd end) {
  return read_from(fd, text, end, true);
}

ReadStatus FileReader::read_from(int fd, std::string_view& text, FileEnd end, bool at_offset) {
  std::size_t used = 0;
  for (;;) {
    if (used == buffer_.size()) buffer_.resize(buffer_.size() * 2);
    const std::size_t room = buffer_.size() - used;
    const ssize_t n = at_offset ? ::pread(fd, buffer_.data() + used, room, static_cast<off_t>(used))
                                : ::read(fd, buffer_.data() + used, room);
    if (n < 0) {
      if (errno == EINTR) continue;
      // A process that exits while its cmdline is read returns 0 or ESRCH; both end it.
      return classify_errno(errno);
    }
    if (n == 0) break;
    const bool short_read = static_cast<std::size_t>(n) < room;
    used += static_cast<std::size_t>(n);
    if (short_read && end == FileEnd::ShortRead) break;
  }
  text = std::string_view(buffer_.data(), used);
  return ReadStatus::Ok;
}

ReadStatus FileReader::read_link(int dirfd, const char* path, std::string_view& target) {
  for (;;) {
    const ssize_t n = ::readlinkat(dirfd, path, buffer_.data(), buffer_.size());
    if (n < 0) return classify_errno(errno);
    if (static_cast<std::size_t>(n) < buffer_.size()) {
      target = std::string_view(buffer_.data(), static_cast<std::size_t>(n));
      return ReadStatus::Ok;
    }
    buffer_.resize(buffer_.size() * 2);
  }
}

}  // namespace procscan::procfs
