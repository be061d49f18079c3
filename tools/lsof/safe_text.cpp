#include "safe_text.h"

#include <cctype>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cwchar>
#include <cwctype>

namespace tdlsof {

namespace {

bool plain(unsigned char c, bool space_unprintable) {
  return c != '\\' && std::isprint(c) && !(space_unprintable && c == ' ');
}

}  // namespace

std::string escape_byte(unsigned char c) {
  switch (c) {
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    case '\\':
      return "\\\\";
    default:
      break;
  }
  char buf[8];
  if (c < 0x20) {
    std::snprintf(buf, sizeof buf, "^%c", c + 0x40);
  } else {
    std::snprintf(buf, sizeof buf, "\\x%02x", c);
  }
  return buf;
}

std::string safe_text(std::string_view text, bool space_unprintable) {
  std::string out;
  out.reserve(text.size());
  const bool multibyte = MB_CUR_MAX > 1;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (multibyte && c >= 0x80) {
      std::mbstate_t state{};
      wchar_t wide = 0;
      const std::size_t n = std::mbrtowc(&wide, text.data() + i, text.size() - i, &state);
      if (n != static_cast<std::size_t>(-1) && n != static_cast<std::size_t>(-2) && n > 1) {
        if (std::iswprint(static_cast<wint_t>(wide))) {
          out.append(text.substr(i, n));
        } else {
          for (std::size_t k = 0; k < n; ++k)
            out += escape_byte(static_cast<unsigned char>(text[i + k]));
        }
        i += n;
        continue;
      }
    }
    if (plain(c, space_unprintable)) {
      out += static_cast<char>(c);
    } else {
      out += escape_byte(c);
    }
    ++i;
  }
  return out;
}

std::size_t safe_width(std::string_view text, bool space_unprintable) {
  std::size_t width = 0;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (plain(c, space_unprintable)) {
      ++width;
    } else {
      // lsof compares a signed char: bytes from 0x80 count as control characters (2), though
      // they print as \xNN (4).
      width += (c < 0x20 || c >= 0x80 || c == '\\') ? 2 : 4;
    }
  }
  return width;
}

std::string safe_fixed(std::string_view text, std::size_t width, bool space_unprintable) {
  std::string out;
  std::size_t used = 0;
  for (char ch : text) {
    if (used >= width) break;
    const auto c = static_cast<unsigned char>(ch);
    if (plain(c, space_unprintable)) {
      out += ch;
      ++used;
      continue;
    }
    const std::string escaped = escape_byte(c);
    if (used + escaped.size() > width) break;
    out += escaped;
    used += escaped.size();
  }
  out.append(width - used, ' ');
  return out;
}

}  // namespace tdlsof
