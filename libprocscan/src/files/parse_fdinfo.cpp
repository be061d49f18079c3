#include <cstddef>
#include <limits>
#include <optional>
#include <string_view>

#include "files/parsers.h"
#include "procfs/parse_numbers.h"

namespace procscan::files {

namespace {

using procfs::is_blank;
using procfs::to_u64;

// strtoul with base 0 over a whole token, as lsof reads fdinfo values: "0x" hex, a leading
// 0 octal (flags are printed so), else decimal. Signs are refused (lsof's strtoul would
// wrap "-1" to ULONG_MAX and then reject it; smaller negatives only reach fields that treat
// them as absent).
std::optional<std::uint64_t> to_number_base0(std::string_view token) {
  if (token.size() > 2 && token[0] == '0' && (token[1] == 'x' || token[1] == 'X'))
    return to_u64(token.substr(2), 16);
  if (token.size() > 1 && token[0] == '0') return to_u64(token.substr(1), 8);
  return to_u64(token, 10);
}

// A value an int field may hold; the rest leave the field absent (-1), as lsof's check for
// a negative int after conversion does.
std::optional<int> to_int(std::string_view token) {
  auto value = to_number_base0(token);
  if (!value || *value > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
    return std::nullopt;
  return static_cast<int>(*value);
}

// The first two blank-separated tokens of a line (lsof's get_fields: spaces and tabs).
void first_two_tokens(std::string_view line, std::string_view& key, std::string_view& value) {
  auto take = [&line]() {
    std::size_t begin = 0;
    while (begin < line.size() && is_blank(line[begin]))
      ++begin;
    std::size_t end = begin;
    while (end < line.size() && !is_blank(line[end]))
      ++end;
    std::string_view token = line.substr(begin, end - begin);
    line.remove_prefix(end);
    return token;
  };
  key = take();
  value = take();
}

}  // namespace

bool parse_fdinfo(std::string_view text, FdInfo& info, std::vector<int>& tfds) {
  info = FdInfo{};
  info.first_tfd = static_cast<std::uint32_t>(tfds.size());
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    std::string_view key, value;
    first_two_tokens(line, key, value);
    if (key.empty() || value.empty()) continue;
    if (key == "pos:") {
      if (auto v = to_number_base0(value)) {
        info.pos = *v;
        info.has_pos = true;
      }
    } else if (key == "flags:") {
      if (auto v = to_number_base0(value); v && *v <= std::numeric_limits<std::uint32_t>::max()) {
        info.flags = static_cast<std::uint32_t>(*v);
        info.has_flags = true;
      }
    } else if (key == "mnt_id:") {
      if (auto v = to_int(value)) info.mnt_id = *v;
    } else if (key == "ino:") {
      if (auto v = to_number_base0(value)) info.ino = *v;
    } else if (key == "eventfd-id:") {
      if (auto v = to_int(value)) info.eventfd_id = *v;
    } else if (key == "Pid:") {
      if (auto v = to_int(value)) info.pidfd_pid = *v;
    } else if (key == "tty-index:") {
      if (auto v = to_int(value)) info.tty_index = *v;
    } else if (key == "tfd:") {
      if (auto v = to_int(value)) tfds.push_back(*v);
    }
  }
  info.tfd_count = static_cast<std::uint32_t>(tfds.size()) - info.first_tfd;
  return info.has_pos || info.has_flags;
}

}  // namespace procscan::files
