#include "utf8_cells.h"

#include <array>
#include <cstdlib>
#include <cwchar>

namespace td::top {

namespace {

// Length of the sequence a byte starts, -1 where it cannot start one (top.c UTF8_tab: the
// continuation bytes, 0xc0, 0xc1 and 0xf5 up).
int sequence_length(unsigned char c) {
  if (c < 0x80) return 1;
  if (c < 0xc2) return -1;
  if (c < 0xe0) return 2;
  if (c < 0xf0) return 3;
  if (c < 0xf5) return 4;
  return -1;
}

// Columns of one character of `length` bytes: wcwidth() for a multibyte one, where a
// negative answer counts as 1 and a zero-width character (a combining accent) as 0.
int columns_of(const char* at, int length) {
  if (length <= 1) return length;
  wchar_t wc = 0;
  if (std::mbtowc(&wc, at, static_cast<std::size_t>(length)) < 0) return 1;
  const int cells = ::wcwidth(wc);
  return cells < 0 ? 1 : cells;
}

}  // namespace

int utf8_delta(std::string_view text) {
  std::size_t at = 0;
  int columns = 0;
  while (at < text.size()) {
    const int length = sequence_length(static_cast<unsigned char>(text[at]));
    if (length < 0) return 0;
    // A sequence cut short by the end counts what is left, as the C loop stops at the NUL.
    const int have = static_cast<int>(std::min<std::size_t>(length, text.size() - at));
    columns += columns_of(text.data() + at, have);
    at += static_cast<std::size_t>(have);
  }
  return static_cast<int>(text.size()) - columns;
}

int utf8_embody(std::string_view text, int width) {
  std::size_t at = 0;
  int columns = 0;
  if (width > 0) {
    while (at < text.size()) {
      const int length = sequence_length(static_cast<unsigned char>(text[at]));
      if (length < 0) return width;
      const int have = static_cast<int>(std::min<std::size_t>(length, text.size() - at));
      columns += columns_of(text.data() + at, have);
      if (width < columns) break;
      at += static_cast<std::size_t>(have);
    }
  }
  return static_cast<int>(at);
}

}  // namespace td::top
