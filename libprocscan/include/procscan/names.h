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
// Resolution follows procps-ng's dev_to_tty(): the /proc/tty/drivers table checked against
// /dev; then where the task's stderr points (/proc/TID/fd/2); then the kernel's well-known
// majors; then /proc/TID/fd/255, where bash keeps its terminal. A link counts only when its
// target is that very device. Names are cached per device, except those a task's links
// gave, which hold for that task only. Bytes outside printable ASCII become '?'.
class TtyNames {
 public:
  explicit TtyNames(std::string proc_root = "/proc", std::string dev_root = "/dev");
  // `tid` is the task whose fd links may name the device (0: do not look at links). The
  // reference is valid until the next call.
  const std::string& name(std::uint64_t tty_nr, pid_t tid = 0);

  // Parses /proc/tty/drivers text; exposed for tests.
  struct Driver {
    std::string device_prefix;  // "/dev/pts", "/dev/ttyS"
    unsigned major = 0;
    unsigned minor_first = 0;
    unsigned minor_last = 0;
  };
  static std::vector<Driver> parse_drivers(std::string_view text);

 private:
  // What the device number alone gives: the drivers table, and the well-known majors.
  struct DeviceNames {
    std::string from_drivers;  // empty when the table names no such device in /dev
    std::string guessed;       // empty when the well-known name is no such device
  };
  DeviceNames resolve(unsigned major, unsigned minor);
  std::string driver_name(unsigned major, unsigned minor);
  bool is_char_device(const std::string& path, unsigned major, unsigned minor) const;
  // The target of /proc/TID/<link> when it is the device itself, else empty.
  std::string link_name(pid_t tid, const char* link, unsigned major, unsigned minor) const;

  std::string proc_root_;
  std::string dev_root_;
  bool drivers_loaded_ = false;
  std::vector<Driver> drivers_;
  std::unordered_map<std::uint64_t, DeviceNames> cache_;
  std::string unknown_ = "?";
  std::string from_link_;  // the last name a task's link gave
};

// devname.c after a name is found: "/dev/" dropped (when something follows it), and every
// byte that is a blank, a control or not ASCII shown as '?'.
std::string abbreviate_tty_path(std::string_view path);

// Splits a Linux dev_t as /proc/PID/stat encodes it.
constexpr unsigned dev_major(std::uint64_t dev) {
  return static_cast<unsigned>(((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffULL));
}
constexpr unsigned dev_minor(std::uint64_t dev) {
  return static_cast<unsigned>((dev & 0xff) | ((dev >> 12) & ~0xffULL));
}

}  // namespace procscan
