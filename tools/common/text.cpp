#include "text.h"

#include <langinfo.h>
#include <strings.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <cwchar>
#include <cwctype>

namespace td::common {

namespace {

// Byte-locale replacement: '|' keeps the byte. Control bytes show as '.', high bytes as
// '?' (escape.c ESC_tab; output.c uses the same table).
constexpr std::array<char, 256> kByteTable = [] {
  std::array<char, 256> table{};
  for (int c = 0; c < 256; ++c) {
    if (c < 0x20 || c == 0x7f)
      table[c] = '.';
    else if (c >= 0x80)
      table[c] = '?';
    else
      table[c] = '|';
  }
  return table;
}();

// Length of the UTF-8 sequence a lead byte announces; -1 when it cannot lead one
// (escape.c UTF_tab: continuation bytes, C0/C1 and F5..FF).
int utf8_sequence_length(unsigned char c) {
  if (c < 0x80) return 1;
  if (c < 0xc2) return -1;
  if (c < 0xe0) return 2;
  if (c < 0xf0) return 3;
  if (c < 0xf5) return 4;
  return -1;
}

void clean_as_bytes(std::string& text, std::size_t from) {
  for (std::size_t i = from; i < text.size(); ++i) {
    const char replacement = kByteTable[static_cast<unsigned char>(text[i])];
    if (replacement != '|') text[i] = replacement;
  }
}

}  // namespace

TextMode TextMode::from_locale() {
  TextMode mode;
  const char* codeset = ::nl_langinfo(CODESET);
  mode.utf8 = codeset != nullptr && ::strcasecmp(codeset, "UTF-8") == 0;
  mode.multibyte = MB_CUR_MAX > 1;
  return mode;
}

void sanitize(std::string& text, const TextMode& mode) {
  const std::size_t nul = text.find('\0');
  if (nul != std::string::npos) text.resize(nul);
  if (!mode.utf8) {
    clean_as_bytes(text, 0);
    return;
  }
  // Only the lead byte is checked, not the continuation bytes: that is what 4.0.2 does.
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const int n = utf8_sequence_length(c);
    if (n < 0 || i + static_cast<std::size_t>(n) > text.size()) {
      clean_as_bytes(text, i);
      return;
    }
    if (c < 0x20 || c == 0x7f) text[i] = '?';
    i += static_cast<std::size_t>(n);
  }
}

int append_for_display(std::string& out, std::string_view text, int max_cells, const TextMode& mode,
                       std::size_t max_bytes) {
  if (max_bytes == 0 || max_cells <= 0 || max_bytes >= INT_MAX) return 0;
  const std::size_t nul = text.find('\0');
  if (nul != std::string_view::npos) text = text.substr(0, nul);
  int cells = 0;
  std::size_t bytes = 0;
  if (!mode.display_utf8()) {
    // A byte locale: one cell per byte.
    if (max_bytes > static_cast<std::size_t>(max_cells) + 1)
      max_bytes = static_cast<std::size_t>(max_cells) + 1;
    for (char ch : text) {
      if (cells >= max_cells || bytes + 1 >= max_bytes) break;
      const char replacement = kByteTable[static_cast<unsigned char>(ch)];
      out.push_back(replacement == '|' ? ch : replacement);
      ++cells;
      ++bytes;
    }
    return cells;
  }
  std::mbstate_t state{};
  std::size_t pos = 0;
  const auto limit = static_cast<std::size_t>(MB_CUR_MAX);
  while (pos < text.size()) {
    if (cells >= max_cells || bytes + 1 >= max_bytes) break;
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) {
      // A run of ASCII, what mbrtowc() would say in a UTF-8 locale without being asked: one
      // cell per byte, printable from ' ' to '~' (isprint() of every glibc locale).
      const std::size_t room =
          std::min(static_cast<std::size_t>(max_cells - cells), max_bytes - 1 - bytes);
      const std::size_t stop = std::min(text.size(), pos + room);
      std::size_t end = pos + 1;
      while (end < stop && static_cast<unsigned char>(text[end]) < 0x80)
        ++end;
      const std::size_t from = out.size();
      out.append(text.data() + pos, end - pos);
      for (std::size_t i = from; i < out.size(); ++i)
        if (static_cast<unsigned char>(out[i]) < 0x20 || out[i] == 0x7f) out[i] = '?';
      cells += static_cast<int>(end - pos);
      bytes += end - pos;
      pos = end;
      continue;
    }
    wchar_t wc = 0;
    const std::size_t avail = std::min(limit, text.size() - pos);
    const std::size_t len = std::mbrtowc(&wc, text.data() + pos, avail, &state);
    if (len == static_cast<std::size_t>(-1) || len == static_cast<std::size_t>(-2)) {
      // Invalid (or cut-off) sequence: one '?' for its first byte, start afresh.
      state = std::mbstate_t{};
      out.push_back('?');
      ++pos;
      ++cells;
      ++bytes;
    } else if (len <= 1) {
      const auto c = static_cast<unsigned char>(text[pos]);
      out.push_back(std::isprint(c) ? static_cast<char>(c) : '?');
      ++pos;
      ++cells;
      ++bytes;
    } else if (!std::iswprint(static_cast<wint_t>(wc))) {
      out.push_back('?');
      pos += len;
      ++cells;
      ++bytes;
    } else {
      const int width = ::wcwidth(wc);
      if (width > max_cells - cells || len >= max_bytes - (bytes + 1)) break;
      out.append(text.data() + pos, len);
      pos += len;
      bytes += len;
      if (width > 0) cells += width;
    }
  }
  return cells;
}

int display_width(std::string_view text, const TextMode& mode) {
  std::string scratch;
  return append_for_display(scratch, text, INT_MAX - 1, mode, INT_MAX - 1);
}

}  // namespace td::common
