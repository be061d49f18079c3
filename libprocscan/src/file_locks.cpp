#include "procscan/file_locks.h"

#include <sys/sysmacros.h>

#include <charconv>

#include "util/read_file.h"

namespace procscan {

namespace {

// Words split at blanks and ':' (lsof's get_fields with ":" as extra separators).
std::vector<std::string_view> words_of(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t at = 0;
  while (at < line.size()) {
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t' || line[at] == ':'))
      ++at;
    const std::size_t start = at;
    while (at < line.size() && line[at] != ' ' && line[at] != '\t' && line[at] != ':')
      ++at;
    if (at > start) words.push_back(line.substr(start, at - start));
  }
  return words;
}

template <typename T>
bool number(std::string_view text, T& out, int base) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

FileLocks FileLocks::parse(std::string_view text) {
  FileLocks out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(at, end - at);
    at = end + 1;
    // "1: POSIX  ADVISORY  WRITE 1234 08:01:5678 0 EOF"
    const auto w = words_of(line);
    if (w.size() < 10 || w[1] == "->") continue;
    bool write = false;
    if (w[3].empty()) continue;
    if (w[3][0] == 'R') {
      write = false;
    } else if (w[3][0] == 'W') {
      write = true;
    } else {
      continue;
    }
    long pid = 0;
    unsigned major = 0, minor = 0;
    std::uint64_t ino = 0, start = 0;
    if (!number(w[4], pid, 10) || !number(w[5], major, 16) || !number(w[6], minor, 16) ||
        !number(w[7], ino, 10) || !number(w[8], start, 10))
      continue;
    bool whole = false;
    if (w[9] == "EOF") {
      whole = start == 0;
    } else {
      std::uint64_t last = 0;
      if (!number(w[9], last, 10)) continue;
      whole = start == 0 && last == 0x7fffffffffffffffULL;
    }
    FileLock lock;
    lock.pid = static_cast<pid_t>(pid);
    lock.dev = makedev(major, minor);
    lock.ino = ino;
    lock.type = write ? (whole ? 'W' : 'w') : (whole ? 'R' : 'r');
    out.locks_.push_back(lock);
  }
  return out;
}

FileLocks FileLocks::read(const std::string& proc_root) {
  return parse(read_small_file(proc_root + "/locks"));
}

char FileLocks::lock_of(pid_t pid, std::uint64_t dev, std::uint64_t ino) const {
  for (auto it = locks_.rbegin(); it != locks_.rend(); ++it)
    if (it->pid == pid && it->dev == dev && it->ino == ino) return it->type;
  return ' ';
}

}  // namespace procscan
