#include "output_buffer.h"

#include <signal.h>

#include <cerrno>
#include <cstdlib>
#include <system_error>

namespace td::common {

void ignore_sigpipe() {
  struct sigaction action {};
  action.sa_handler = SIG_IGN;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGPIPE, &action, nullptr);
}

OutputBuffer::OutputBuffer(int fd, std::size_t flush_threshold)
    : fd_(fd), threshold_(flush_threshold) {
  pending_.reserve(flush_threshold + flush_threshold / 4);
}

OutputBuffer::~OutputBuffer() {
  // A destructor must not throw; callers that care about errors flush explicitly.
  try {
    flush();
  } catch (...) {
  }
}

void OutputBuffer::write_all(const char* data, std::size_t left) {
  while (left > 0) {
    const ssize_t n = ::write(fd_, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) std::_Exit(EXIT_SUCCESS);
      const int err = errno;
      pending_.clear();
      throw std::system_error(err, std::generic_category(), "write error");
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
}

void OutputBuffer::flush() {
  write_all(pending_.data(), pending_.size());
  pending_.clear();
}

}  // namespace td::common
