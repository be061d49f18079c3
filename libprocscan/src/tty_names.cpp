#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <string>

#include "procscan/names.h"
#include "util/read_file.h"

namespace procscan {

namespace {

bool parse_unsigned(std::string_view text, unsigned& out) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

// The kernel's well-known tty majors, for devices /proc/tty/drivers does not name.
std::string guess_device_path(unsigned major, unsigned minor) {
  const std::string m = std::to_string(minor);
  if (major == 4) return minor < 64 ? "/dev/tty" + m : "/dev/ttyS" + std::to_string(minor - 64);
  if (major >= 136 && major <= 143)
    return "/dev/pts/" + std::to_string(minor + (major - 136) * 256);
  struct Prefix {
    unsigned major;
    const char* prefix;
  };
  static constexpr std::array<Prefix, 29> kPrefixes{{
      {11, "ttyB"},   {17, "ttyH"},      {19, "ttyC"},          {22, "ttyD"},   {23, "ttyD"},
      {24, "ttyE"},   {32, "ttyX"},      {43, "ttyI"},          {46, "ttyR"},   {48, "ttyL"},
      {57, "ttyP"},   {71, "ttyF"},      {75, "ttyW"},          {78, "ttyM"},   {105, "ttyV"},
      {112, "ttyM"},  {148, "ttyT"},     {154, "ttySR"},        {164, "ttyCH"}, {166, "ttyACM"},
      {172, "ttyMX"}, {174, "ttySI"},    {188, "ttyUSB"},       {208, "ttyU"},  {216, "ttyUB"},
      {224, "ttyY"},  {227, "3270/tty"}, {229, "iseries/vtty"}, {256, "ttyEQ"},
  }};
  if (major == 156) return "/dev/ttySR" + std::to_string(minor + 256);
  for (const auto& row : kPrefixes)
    if (row.major == major) return std::string("/dev/") + row.prefix + m;
  return {};
}

}  // namespace

TtyNames::TtyNames(std::string proc_root, std::string dev_root)
    : proc_root_(std::move(proc_root)), dev_root_(std::move(dev_root)) {}

std::vector<TtyNames::Driver> TtyNames::parse_drivers(std::string_view text) {
  // Lines: "name  /dev/prefix  major  minor-range  type". The device column is what counts;
  // a devfs-style "%d" suffix is dropped.
  std::vector<Driver> drivers;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    std::array<std::string_view, 4> words{};
    std::size_t count = 0;
    while (count < words.size()) {
      const std::size_t start = line.find_first_not_of(' ');
      if (start == std::string_view::npos) break;
      line.remove_prefix(start);
      const std::size_t end = line.find(' ');
      words[count++] = line.substr(0, end);
      line = end == std::string_view::npos ? std::string_view{} : line.substr(end);
    }
    if (count < 4 || words[1].substr(0, 5) != "/dev/") continue;
    Driver d;
    d.device_prefix = std::string(words[1]);
    if (d.device_prefix.size() > 7 && d.device_prefix.ends_with("%d"))
      d.device_prefix.resize(d.device_prefix.size() - 2);
    if (!parse_unsigned(words[2], d.major)) continue;
    const std::string_view range = words[3];
    const std::size_t dash = range.find('-');
    if (dash == std::string_view::npos) {
      if (!parse_unsigned(range, d.minor_first)) continue;
      d.minor_last = d.minor_first;
    } else if (!parse_unsigned(range.substr(0, dash), d.minor_first) ||
               !parse_unsigned(range.substr(dash + 1), d.minor_last)) {
      continue;
    }
    drivers.push_back(std::move(d));
  }
  return drivers;
}

bool TtyNames::is_char_device(const std::string& path, unsigned major, unsigned minor) const {
  struct stat st {};
  const std::string full = dev_root_ == "/dev" ? path : dev_root_ + path.substr(4);
  if (::stat(full.c_str(), &st) != 0) return false;
  return ::major(st.st_rdev) == major && ::minor(st.st_rdev) == minor;
}

std::string TtyNames::link_name(pid_t tid, const char* link, unsigned major, unsigned minor) const {
  // devname.c reads at most 127 bytes of the target (TTY_NAME_SIZE - 1).
  const std::string path = proc_root_ + "/" + std::to_string(tid) + "/" + link;
  std::array<char, 127> target{};
  const ssize_t n = ::readlink(path.c_str(), target.data(), target.size());
  if (n <= 0) return {};
  std::string name(target.data(), static_cast<std::size_t>(n));
  // The target is a path in our own mount namespace, checked like any other candidate;
  // dev_root_ stands in for "/dev" only for names under it.
  struct stat st {};
  const std::string full =
      dev_root_ != "/dev" && name.starts_with("/dev/") ? dev_root_ + name.substr(4) : name;
  if (::stat(full.c_str(), &st) != 0) return {};
  if (::major(st.st_rdev) != major || ::minor(st.st_rdev) != minor) return {};
  return name;
}

std::string TtyNames::driver_name(unsigned major, unsigned minor) {
  if (!drivers_loaded_) {
    drivers_ = parse_drivers(read_small_file(proc_root_ + "/tty/drivers"));
    drivers_loaded_ = true;
  }
  // procps consults the drivers table from its last line up, so later, more specific
  // entries ("/dev/tty 4 1-63") win over earlier ones.
  for (auto it = drivers_.rbegin(); it != drivers_.rend(); ++it) {
    if (it->major != major || minor < it->minor_first || minor > it->minor_last) continue;
    const std::string m = std::to_string(minor);
    for (const std::string& candidate :
         {it->device_prefix + m, it->device_prefix + "/" + m, it->device_prefix}) {
      if (is_char_device(candidate, major, minor)) return candidate;
    }
    break;
  }
  return {};
}

TtyNames::DeviceNames TtyNames::resolve(unsigned major, unsigned minor) {
  DeviceNames names;
  names.from_drivers = driver_name(major, minor);
  if (!names.from_drivers.empty()) return names;
  const std::string guess = guess_device_path(major, minor);
  if (!guess.empty() && is_char_device(guess, major, minor)) names.guessed = guess;
  return names;
}

std::string abbreviate_tty_path(std::string_view path) {
  if (path.starts_with("/dev/") && path.size() > 5) path.remove_prefix(5);
  std::string name(path);
  for (char& c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= ' ' || byte > 126) c = '?';
  }
  return name;
}

const std::string& TtyNames::name(std::uint64_t tty_nr, pid_t tid) {
  if (tty_nr == 0) return unknown_;
  const unsigned major = dev_major(tty_nr);
  const unsigned minor = dev_minor(tty_nr);
  auto it = cache_.find(tty_nr);
  if (it == cache_.end()) {
    DeviceNames names = resolve(major, minor);
    if (!names.from_drivers.empty()) names.from_drivers = abbreviate_tty_path(names.from_drivers);
    if (!names.guessed.empty()) names.guessed = abbreviate_tty_path(names.guessed);
    it = cache_.emplace(tty_nr, std::move(names)).first;
  }
  const DeviceNames& names = it->second;
  if (!names.from_drivers.empty()) return names.from_drivers;
  // dev_to_tty's order: drivers, fd/2, the well-known majors, fd/255.
  if (tid > 0) {
    if (std::string link = link_name(tid, "fd/2", major, minor); !link.empty()) {
      from_link_ = abbreviate_tty_path(link);
      return from_link_;
    }
  }
  if (!names.guessed.empty()) return names.guessed;
  if (tid > 0) {
    if (std::string link = link_name(tid, "fd/255", major, minor); !link.empty()) {
      from_link_ = abbreviate_tty_path(link);
      return from_link_;
    }
  }
  return unknown_;
}

}  // namespace procscan
