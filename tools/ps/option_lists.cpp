// Selection lists: "-p 1,2", "-u root nobody", "-t pts/1", "-C bash".
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>

#include "options.h"

namespace td::ps {

namespace {

// strtoul(s, &end, 0) over the whole string: "0x1f" and "017" are numbers too.
bool whole_number(const std::string& text, unsigned long& value) {
  char* end = nullptr;
  errno = 0;
  value = std::strtoul(text.c_str(), &end, 0);
  return *end == '\0';
}

std::string parse_uid(const std::string& text, bool negate, std::uint64_t& out) {
  unsigned long value = 0;
  if (!whole_number(text, value)) {
    const passwd* entry = ::getpwnam(text.c_str());
    if (entry != nullptr)
      value = entry->pw_uid;
    else if (!negate)
      return "user name does not exist";
    else
      value = static_cast<uid_t>(-1);
  }
  if (!negate && value > 0xfffffffeUL) return "user ID out of range";
  out = static_cast<uid_t>(value);
  return {};
}

std::string parse_gid(const std::string& text, bool negate, std::uint64_t& out) {
  unsigned long value = 0;
  if (!whole_number(text, value)) {
    const group* entry = ::getgrnam(text.c_str());
    if (entry != nullptr)
      value = entry->gr_gid;
    else if (!negate)
      return "group name does not exist";
    else
      value = static_cast<gid_t>(-1);
  }
  if (!negate && value > 0xfffffffeUL) return "group ID out of range";
  out = static_cast<gid_t>(value);
  return {};
}

// Terminal names resolve through /dev the way procps tries them: the name as a path,
// then under /dev/pts, /dev, /dev/tty, /dev/pty, and "co" for the console.
std::string parse_tty(const std::string& text, std::uint64_t& out) {
  struct stat st {};
  bool found = false;
  if (!text.empty() && text[0] == '/') {
    if (::stat(text.c_str(), &st) != 0) return "TTY could not be found";
    found = true;
  }
  for (const char* pattern : {"/dev/pts/", "/dev/", "/dev/tty", "/dev/pty"}) {
    if (found) break;
    found = ::stat((pattern + text).c_str(), &st) == 0;
  }
  if (!found) found = ::stat(("/dev/" + text + "nsole").c_str(), &st) == 0;
  if (!found) {
    // "-" and "?" (which bash may have globbed to a one-letter file) mean no terminal.
    if (text == "-" || text == "?" || (text.size() == 1 && ::stat(text.c_str(), &st) == 0)) {
      out = 0;
      return {};
    }
    return "TTY could not be found";
  }
  if (!S_ISCHR(st.st_mode)) return "list member was not a TTY";
  out = st.st_rdev;
  return {};
}

std::string parse_element(const std::string& text, ListKind kind, bool negate, SelectionList& out) {
  std::uint64_t value = 0;
  std::string err;
  switch (kind) {
    case ListKind::Pid:
    case ListKind::QuickPid:
    case ListKind::Ppid:
    case ListKind::Pgrp:
    case ListKind::Session:
      err = parse_pid_value(text, value);
      break;
    case ListKind::Ruid:
    case ListKind::Euid:
      err = parse_uid(text, negate, value);
      break;
    case ListKind::Rgid:
    case ListKind::Egid:
      err = parse_gid(text, negate, value);
      break;
    case ListKind::Tty:
      err = parse_tty(text, value);
      break;
    case ListKind::Command:
      out.commands.push_back(text.substr(0, 63));
      return {};
  }
  if (err.empty()) out.ids.push_back(value);
  return err;
}

}  // namespace

std::string parse_pid_value(const std::string& text, std::uint64_t& out) {
  unsigned long value = 0;
  if (!whole_number(text, value)) return "process ID list syntax error";
  if (value < 1 || value > 0x7fffffffUL) return "process ID out of range";
  out = value;
  return {};
}

std::string parse_list(std::string_view text, ListKind kind, bool negate, SelectionList& out) {
  out = SelectionList{kind, {}, {}};
  auto is_separator = [](char c) { return c == ' ' || c == ',' || c == '\t'; };
  // Every item must be non-empty: no leading, doubled or trailing separators.
  bool need_item = true;
  for (char c : text) {
    if (is_separator(c)) {
      if (need_item) return "improper list";
      need_item = true;
    } else {
      need_item = false;
    }
  }
  if (need_item) return "improper list";
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = pos;
    while (end < text.size() && !is_separator(text[end]))
      ++end;
    std::string err = parse_element(std::string(text.substr(pos, end - pos)), kind, negate, out);
    if (!err.empty()) return err;
    pos = end + 1;
  }
  return {};
}

}  // namespace td::ps
