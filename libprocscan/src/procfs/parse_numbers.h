// Small text helpers shared by the /proc parsers: whole-token number conversion, blank-separated
// tokens and line cursors. Everything works on string_views into the caller's buffer and
// never allocates.
#pragma once

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <system_error>

#include "procscan/field.h"

namespace procscan::procfs {

// The kernel separates values with spaces and tabs; any other byte belongs to a token, so a
// stray '\r' or NUL makes the token it touches malformed instead of silently dropped.
constexpr bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// A token converts only when it is a number and nothing else: no sign on unsigned values, no
// blanks, no "0x", and it must fit. Anything else is nullopt, so a truncated or garbled value
// leaves its field unset rather than becoming a wrong number.
inline std::optional<std::uint64_t> to_u64(std::string_view token, int base = 10) {
  std::uint64_t value = 0;
  const char* end = token.data() + token.size();
  auto [ptr, ec] = std::from_chars(token.data(), end, value, base);
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

inline std::optional<std::int64_t> to_i64(std::string_view token) {
  std::int64_t value = 0;
  const char* end = token.data() + token.size();
  auto [ptr, ec] = std::from_chars(token.data(), end, value, 10);
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

inline std::optional<std::uint32_t> to_u32(std::string_view token) {
  auto value = to_u64(token);
  if (!value || *value > std::numeric_limits<std::uint32_t>::max()) return std::nullopt;
  return static_cast<std::uint32_t>(*value);
}

constexpr std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && is_blank(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back()))
    s.remove_suffix(1);
  return s;
}

// Takes the next run of non-blank bytes off the front of `rest`; empty when none is left.
constexpr std::string_view next_token(std::string_view& rest) {
  std::size_t begin = 0;
  while (begin < rest.size() && is_blank(rest[begin]))
    ++begin;
  std::size_t end = begin;
  while (end < rest.size() && !is_blank(rest[end]))
    ++end;
  std::string_view token = rest.substr(begin, end - begin);
  rest.remove_prefix(end);
  return token;
}

// The text up to the first newline (or all of it when there is none).
constexpr std::string_view first_line(std::string_view text) {
  return text.substr(0, text.find('\n'));
}

// Takes the next line (without its '\n') off the front of `rest`. Returns false when `rest`
// is exhausted; a last line without a newline is still a line.
constexpr bool next_line(std::string_view& rest, std::string_view& line) {
  if (rest.empty()) return false;
  std::size_t nl = rest.find('\n');
  if (nl == std::string_view::npos) {
    line = rest;
    rest = {};
  } else {
    line = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
  }
  return true;
}

// Splits "Key:<blanks>value<blanks>" at the first ':'. Keys are only ever matched at the start
// of a line, so whatever a value holds (a task name may hold ':' and "\n") cannot pose as a
// key. Returns false when the line has no ':'.
constexpr bool split_key_value(std::string_view line, std::string_view& key,
                               std::string_view& value) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  key = line.substr(0, colon);
  value = trim_blanks(line.substr(colon + 1));
  return true;
}

// A "key: value" file's key that fills one field.
struct KeyField {
  std::string_view key;
  Field field;
};

// Calls on_value(field, value) for the first line of each key in `keys` (a key seen twice
// keeps its first value) and returns one bit per key seen, in the order of `keys`.
template <std::size_t N, typename OnValue>
unsigned for_each_first_key(std::string_view text, const std::array<KeyField, N>& keys,
                            OnValue on_value) {
  static_assert(N <= 32, "one bit per key");
  unsigned seen = 0;
  std::string_view line;
  while (next_line(text, line)) {
    std::string_view key, value;
    if (!split_key_value(line, key, value)) continue;
    for (std::size_t i = 0; i < N; ++i) {
      if (keys[i].key != key) continue;
      if (!(seen & (1u << i))) {
        seen |= 1u << i;
        on_value(keys[i].field, value);
      }
      break;
    }
  }
  return seen;
}

}  // namespace procscan::procfs
