#include "text.h"

#include <langinfo.h>
#include <strings.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
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

// The length of the run of printable ASCII, ' ' to '~', that `text` starts with, looking
// at no more than `limit` bytes. Command lines are long runs of such bytes, so they are
// tested eight at a time.
std::size_t printable_run(const char* text, std::size_t limit) {
  constexpr std::uint64_t kOnes = 0x0101010101010101;
  constexpr std::uint64_t kHighBits = kOnes * 0x80;
  std::size_t n = 0;
  for (; n + 8 <= limit; n += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text + n, 8);
    // Bytes from 0x80 up have their high bit set. When no byte does, subtracting 0x20 from
    // each sets it in exactly those below ' ', and adding 1 in exactly 0x7f.
    if ((word | (word - kOnes * 0x20) | (word + kOnes)) & kHighBits) break;
  }
  while (n < limit && text[n] >= 0x20 && text[n] < 0x7f)
    ++n;
  return n;
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
  for (std::size_t i = 0; i < text.size();) {
    // Printable ASCII stays as it is in either locale.
    i += printable_run(text.data() + i, text.size() - i);
    if (i == text.size()) break;
    if (!mode.utf8) {
      text[i] = kByteTable[static_cast<unsigned char>(text[i])];
      ++i;
      continue;
    }
    // Only the lead byte is checked, not the continuation bytes: that is what 4.0.2 does.
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
  const bool utf8 = mode.display_utf8();
  // A byte locale: one cell per byte, in a buffer of max_cells + 1 bytes.
  if (!utf8 && max_bytes > static_cast<std::size_t>(max_cells) + 1)
    max_bytes = static_cast<std::size_t>(max_cells) + 1;
  int cells = 0;
  std::size_t bytes = 0;
  std::mbstate_t state{};
  std::size_t pos = 0;
  const auto limit = static_cast<std::size_t>(MB_CUR_MAX);
  while (pos < text.size()) {
    if (cells >= max_cells || bytes + 1 >= max_bytes) break;
    // A run of printable ASCII, ' ' to '~', goes out as it is: one cell per byte in a byte
    // locale, and what mbrtowc() and isprint() say of it in every UTF-8 locale of glibc.
    // Most text is nothing else, so this loop is the one that runs.
    const std::size_t room =
        std::min(static_cast<std::size_t>(max_cells - cells), max_bytes - 1 - bytes);
    const std::size_t run = printable_run(text.data() + pos, std::min(text.size() - pos, room));
    if (run > 0) {
      out.append(text.data() + pos, run);
      cells += static_cast<int>(run);
      bytes += run;
      pos += run;
      continue;
    }
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead == 0) break;  // C strings end here
    if (!utf8 || lead < 0x80) {
      // A control byte, or any other byte in a byte locale: one cell.
      const char replacement = kByteTable[lead];
      out.push_back(utf8 ? '?' : replacement);
      ++pos;
      ++cells;
      ++bytes;
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
      out.push_back(std::isprint(lead) ? static_cast<char>(lead) : '?');
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
