// Making process-controlled text (names, command lines) safe to print, the way procps does.
//
// procps-ng 4.0.2 cleans such text twice, and both passes are visible in its output:
//  1. when the library reads it (escape.c: escape_str), the whole string is cleaned:
//     in a UTF-8 locale control bytes become '?', and from the first byte that cannot
//     start a UTF-8 sequence on, everything is cleaned as in a byte locale; in a byte
//     locale, control bytes become '.' and bytes >= 0x80 become '?';
//  2. when ps prints it (output.c: escape_str), the text is cut to the cells that are
//     left, non-printable characters become '?' and wide characters count two cells.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace td::common {

// How the current locale wants text: decided once, after setlocale(LC_ALL, "").
struct TextMode {
  bool utf8 = false;       // nl_langinfo(CODESET) is "UTF-8" (any case)
  bool multibyte = false;  // and MB_CUR_MAX > 1, which the display pass also requires

  static TextMode from_locale();
  bool operator==(const TextMode&) const = default;
  bool display_utf8() const { return utf8 && multibyte; }
};

// Pass 1 on a whole string, in place. Stops at the first NUL, as the C code does.
void sanitize(std::string& text, const TextMode& mode);

// Pass 2: appends `text` to `out`, using at most `max_cells` screen cells and fewer than
// `max_bytes` bytes (the room procps' buffer has left). Returns the cells used.
int append_for_display(std::string& out, std::string_view text, int max_cells, const TextMode& mode,
                       std::size_t max_bytes = 128 * 1024);

// Screen cells of text that pass 2 has produced (printable, valid in the locale).
int display_width(std::string_view text, const TextMode& mode);

}  // namespace td::common
