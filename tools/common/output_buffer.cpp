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
  if (fd_ == kHeld) return;
  write_all(pending_.data(), pending_.size());
  pending_.clear();
}

void OutputBuffer::hold() {
  held_.push_back(std::move(pending_));
  pending_ = std::string();
  pending_.reserve(threshold_ + threshold_ / 4);
}

void OutputBuffer::flush_with(OutputBuffer& later) {
  flush();
  later.held_.push_back(std::move(later.pending_));
  later.pending_.clear();
  for (std::string& block : later.held_) {
    if (fd_ == kHeld) {
      pending_.append(block);
      flush_if_full();
    } else {
      write_all(block.data(), block.size());
    }
  }
  later.held_.clear();
}

}  // namespace td::common
