#include "terminal.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace td::common {

std::optional<WindowSize> window_size_of(int fd) {
  struct winsize ws {};
  if (::ioctl(fd, TIOCGWINSZ, &ws) == -1 || ws.ws_col == 0 || ws.ws_row == 0) return std::nullopt;
  return WindowSize{ws.ws_col, ws.ws_row};
}

std::optional<WindowSize> find_window_size() {
  for (int fd : {STDOUT_FILENO, STDERR_FILENO, STDIN_FILENO})
    if (auto size = window_size_of(fd)) return size;
  const int tty = ::open("/dev/tty", O_NOCTTY | O_NONBLOCK | O_RDONLY | O_CLOEXEC);
  if (tty == -1) return std::nullopt;
  auto size = window_size_of(tty);
  ::close(tty);
  return size;
}

bool is_terminal(int fd) {
  return ::isatty(fd) == 1;
}

std::optional<long> environment_number(const char* name, long upper_bound) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long value = std::strtol(text, &end, 0);
  if (*end != '\0' || value <= 0 || value >= upper_bound) return std::nullopt;
  return value;
}

}  // namespace td::common
