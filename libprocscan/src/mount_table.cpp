#include "procscan/mount_table.h"

#include <strings.h>

#include "util/read_file.h"

namespace procscan {

namespace {

// Fields split at blanks and tabs (the kernel escapes both inside a field).
std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t at = 0;
  while (at < line.size()) {
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t'))
      ++at;
    const std::size_t start = at;
    while (at < line.size() && line[at] != ' ' && line[at] != '\t')
      ++at;
    if (at > start) fields.push_back(line.substr(start, at - start));
  }
  return fields;
}

bool is_octal(char c) {
  return c >= '0' && c <= '7';
}

// "\040" and the like, as the kernel's mangle() writes a space, tab, newline or backslash.
std::string unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size() && is_octal(text[i + 1]) && is_octal(text[i + 2]) &&
        is_octal(text[i + 3])) {
      const int value = (text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 + (text[i + 3] - '0');
      if (value < 256) {
        out += static_cast<char>(value);
        i += 3;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

bool ignored(std::string_view device, std::string_view type) {
  if (const std::size_t colon = device.find(':'); colon != std::string_view::npos) {
    const std::string_view after = device.substr(colon + 1);
    if (after.size() >= 4 && ::strncasecmp(after.data(), "(pid", 4) == 0) return true;
  }
  for (std::string_view skipped : {"autofs", "pipefs", "sockfs"})
    if (type.size() == skipped.size() &&
        ::strncasecmp(type.data(), skipped.data(), skipped.size()) == 0)
      return true;
  return false;
}

}  // namespace

MountTable MountTable::parse(std::string_view text) {
  MountTable out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const auto fields = fields_of(text.substr(at, end - at));
    at = end + 1;
    if (fields.size() < 3) continue;
    MountEntry entry{unescape(fields[0]), unescape(fields[1]), std::string(fields[2])};
    if (ignored(entry.device, entry.type)) continue;
    out.entries_.push_back(std::move(entry));
  }
  return out;
}

MountTable MountTable::read(const std::string& proc_root) {
  return parse(read_small_file(proc_root + "/self/mounts"));
}

bool MountTable::has_mount_point(std::string_view dir) const {
  for (const MountEntry& e : entries_)
    if (e.dir == dir) return true;
  return false;
}

}  // namespace procscan
