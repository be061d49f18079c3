// One large output buffer for a tool's whole report, written with few write(2) calls.
//
// The reference tools write through stdio and die quietly on SIGPIPE (`ps | head`); we
// ignore SIGPIPE instead and treat EPIPE as the reader having left: exit 0, say nothing.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace td::common {

// Ignores SIGPIPE so that a closed pipe shows up as EPIPE from write(2).
void ignore_sigpipe();

class OutputBuffer {
 public:
  // Text is kept until `flush_threshold` bytes are pending, then written out.
  explicit OutputBuffer(int fd = STDOUT_FILENO, std::size_t flush_threshold = 1 << 20);
  ~OutputBuffer();
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;

  void append(std::string_view text) { pending_.append(text); }
  void append(std::size_t count, char c) { pending_.append(count, c); }
  void push_back(char c) { pending_.push_back(c); }

  // Direct access for formatters that append in place (fmt::format_to, escaping).
  std::string& text() { return pending_; }

  // Writes out the pending text if it has grown past the threshold; call between lines.
  void flush_if_full() {
    if (pending_.size() >= threshold_) flush();
  }
  // Writes out everything. On EPIPE the process exits with status 0 (the reader is
  // gone, as with `ps | head`); other write errors throw std::system_error.
  void flush();

 private:
  void write_all(const char* data, std::size_t size);

  int fd_;
  std::size_t threshold_;
  std::string pending_;
};

}  // namespace td::common
