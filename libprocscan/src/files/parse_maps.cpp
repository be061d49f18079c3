#include <sys/sysmacros.h>

#include <cstddef>
#include <string_view>

#include "files/parsers.h"
#include "procfs/parse_numbers.h"

namespace procscan::files {

namespace {

constexpr std::string_view kDeleted = " (deleted)";

// Cuts the next field of a maps line the way lsof's get_fields(line, ":", ...) does for the
// fields before the path: blanks and ':' separate (so "fd:01" is two fields).
std::string_view next_field(std::string_view& line) {
  std::size_t begin = 0;
  while (begin < line.size() && procfs::is_blank(line[begin]))
    ++begin;
  std::size_t end = begin;
  while (end < line.size() && !procfs::is_blank(line[end]) && line[end] != ':')
    ++end;
  std::string_view field = line.substr(begin, end - begin);
  line.remove_prefix(end < line.size() ? end + 1 : end);
  return field;
}

}  // namespace

bool MapsCursor::next(MapsEntry& entry) {
  while (!rest_.empty()) {
    const std::size_t newline = rest_.find('\n');
    std::string_view line = rest_.substr(0, newline);
    rest_.remove_prefix(newline == std::string_view::npos ? rest_.size() : newline + 1);

    // range, perms, offset, major, minor, inode, then the path: the rest of the line from its
    // first non-blank byte up to a tab (a tab always separates in lsof), spaces and ':' kept.
    std::string_view fields[6];
    bool complete = true;
    for (auto& field : fields) {
      field = next_field(line);
      if (field.empty()) complete = false;
    }
    if (!complete) continue;
    while (!line.empty() && procfs::is_blank(line.front()))
      line.remove_prefix(1);
    std::string_view path = line.substr(0, line.find('\t'));
    if (path.empty()) continue;

    const auto major = procfs::to_u64(fields[3], 16);
    const auto minor = procfs::to_u64(fields[4], 16);
    const auto inode = procfs::to_u64(fields[5], 10);
    if (!major || !minor || !inode || *major > 0xffffffff || *minor > 0xffffffff) continue;
    const std::uint64_t dev = makedev(static_cast<unsigned>(*major), static_cast<unsigned>(*minor));
    if (dev == 0 && *inode == 0) continue;

    entry.deleted = path.size() > kDeleted.size() && path.ends_with(kDeleted);
    if (entry.deleted) path.remove_suffix(kDeleted.size());
    entry.dev = dev;
    entry.ino = *inode;
    entry.path = path;
    return true;
  }
  return false;
}

}  // namespace procscan::files
