// Number-to-name caches: user and group names, terminal names. Each name is looked up at
// most once per run, and only when a caller asks for it.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace procscan {

// uid -> user name, as getpwuid(3) gives it; the decimal number when there is none.
class UserNames {
 public:
  const std::string& name(std::uint64_t uid);

 private:
  std::unordered_map<std::uint64_t, std::string> cache_;
};

// gid -> group name, as getgrgid(3) gives it; the decimal number when there is none.
class GroupNames {
 public:
  const std::string& name(std::uint64_t gid);

 private:
  std::unordered_map<std::uint64_t, std::string> cache_;
};

// tty_nr (the device number of /proc/PID/stat) -> terminal name without "/dev/":
// "pts/3", "tty1", "ttyS0", "console". "?" when the number is 0 or cannot be resolved.
// Resolution follows procps: the /proc/tty/drivers table checked against /dev, then the
// kernel's well-known majors.
class TtyNames {
 public:
  explicit TtyNames(std::string proc_root = "/proc", std::string dev_root = "/dev");
  const std::string& name(std::uint64_t tty_nr);

  // Parses /proc/tty/drivers text; exposed for tests.
  struct Driver {
    std::string device_prefix;  // "/dev/pts", "/dev/ttyS"
    unsigned major = 0;
    unsigned minor_first = 0;
    unsigned minor_last = 0;
  };
  static std::vector<Driver> parse_drivers(std::string_view text);

 private:
  std::string resolve(unsigned major, unsigned minor);
  bool is_char_device(const std::string& path, unsigned major, unsigned minor) const;

  std::string proc_root_;
  std::string dev_root_;
  bool drivers_loaded_ = false;
  std::vector<Driver> drivers_;
  std::unordered_map<std::uint64_t, std::string> cache_;
};

// Splits a Linux dev_t as /proc/PID/stat encodes it.
constexpr unsigned dev_major(std::uint64_t dev) {
  return static_cast<unsigned>(((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffULL));
}
constexpr unsigned dev_minor(std::uint64_t dev) {
  return static_cast<unsigned>((dev & 0xff) | ((dev >> 12) & ~0xffULL));
}

}  // namespace procscan
