// procps' text cleaning (tools/common/text, procps_text), as ps 4.0.2 shows it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <climits>
#include <clocale>
#include <cwchar>
#include <cwctype>
#include <random>
#include <string>

#include "procps_text.h"
#include "text.h"

using td::common::append_for_display;
using td::common::procps_bracketed_name;
using td::common::procps_command_line;
using td::common::procps_command_name;
using td::common::sanitize;
using td::common::TextMode;

namespace {

TextMode utf8() {
  std::setlocale(LC_ALL, "C.UTF-8");
  return TextMode{true, true};
}

TextMode bytes() {
  return TextMode{false, false};
}

std::string cleaned(std::string s, const TextMode& mode) {
  sanitize(s, mode);
  return s;
}

std::string shown(std::string_view s, int cells, const TextMode& mode, int* used = nullptr) {
  std::string out;
  const int n = append_for_display(out, s, cells, mode);
  if (used) *used = n;
  return out;
}

// The display pass one character at a time, with mbrtowc() asked about every one, as
// output.c escape_str walks it: what append_for_display's shortcuts must agree with.
int reference_display(std::string& out, std::string_view text, int max_cells, const TextMode& mode,
                      std::size_t max_bytes) {
  if (max_bytes == 0 || max_cells <= 0 || max_bytes >= INT_MAX) return 0;
  text = text.substr(0, std::min(text.find('\0'), text.size()));
  int cells = 0;
  std::size_t bytes = 0;
  if (!mode.display_utf8()) {
    max_bytes = std::min(max_bytes, static_cast<std::size_t>(max_cells) + 1);
    for (const char ch : text) {
      if (cells >= max_cells || bytes + 1 >= max_bytes) break;
      const auto c = static_cast<unsigned char>(ch);
      out.push_back(c < 0x20 || c == 0x7f ? '.' : c >= 0x80 ? '?' : ch);
      ++cells;
      ++bytes;
    }
    return cells;
  }
  std::mbstate_t state{};
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (cells >= max_cells || bytes + 1 >= max_bytes) break;
    wchar_t wc = 0;
    const std::size_t avail = std::min(static_cast<std::size_t>(MB_CUR_MAX), text.size() - pos);
    const std::size_t len = std::mbrtowc(&wc, text.data() + pos, avail, &state);
    if (len == static_cast<std::size_t>(-1) || len == static_cast<std::size_t>(-2)) {
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

// Pass 1 a byte at a time, as escape.c escape_str walks it.
std::string reference_sanitized(std::string text, const TextMode& mode) {
  text = text.substr(0, std::min(text.find('\0'), text.size()));
  auto as_bytes = [&](std::size_t from) {
    for (std::size_t i = from; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c < 0x20 || c == 0x7f) text[i] = '.';
      if (c >= 0x80) text[i] = '?';
    }
  };
  if (!mode.utf8) {
    as_bytes(0);
    return text;
  }
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const int n = c < 0x80 ? 1 : c < 0xc2 ? -1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : c < 0xf5 ? 4 : -1;
    if (n < 0 || i + static_cast<std::size_t>(n) > text.size()) {
      as_bytes(i);
      break;
    }
    if (c < 0x20 || c == 0x7f) text[i] = '?';
    i += static_cast<std::size_t>(n);
  }
  return text;
}

// Random text made of the pieces the display pass treats differently.
std::string random_text(std::mt19937& random) {
  static const std::string_view kPieces[] = {
      "a",
      "Z",
      " ",
      "~",
      "--opt=1",
      "/usr/bin/x",
      "\x01",
      "\t",
      "\x7f",
      std::string_view("\0", 1),
      "\xc3\xa9",          // é
      "\xe4\xb8\xad",      // a wide character
      "\xf0\x9f\x98\x80",  // an emoji, four bytes
      "\xcc\x81",          // a combining accent, no cell of its own
      "\xc2\x85",          // a C1 control: valid, not printable
      "\xff",
      "\x80",
      "\xe4\xb8",  // invalid and cut-off sequences
  };
  std::uniform_int_distribution<std::size_t> piece(0, std::size(kPieces) - 1);
  std::uniform_int_distribution<int> count(0, 24);
  std::string text;
  for (int n = count(random); n > 0; --n)
    text.append(kPieces[piece(random)]);
  return text;
}

}  // namespace

TEST_CASE("both passes agree with one character at a time", "[text]") {
  // Every byte value at every place of a word-long stretch of printable text.
  for (const TextMode& mode : {utf8(), bytes()}) {
    for (int byte = 1; byte < 256; ++byte) {
      for (std::size_t at = 0; at < 17; ++at) {
        std::string text = "0123456789abcdefgh";
        text[at] = static_cast<char>(byte);
        CHECK(cleaned(text, mode) == reference_sanitized(text, mode));
        std::string got;
        std::string want;
        const int got_cells = append_for_display(got, text, 40, mode);
        const int want_cells = reference_display(want, text, 40, mode, 128 * 1024);
        if (got != want || got_cells != want_cells) {
          INFO("byte " << byte << " at " << at << ", utf8 " << mode.utf8);
          CHECK(got == want);
          CHECK(got_cells == want_cells);
        }
      }
    }
  }
  std::mt19937 random(20231114);
  std::uniform_int_distribution<int> cells(1, 40);
  std::uniform_int_distribution<std::size_t> small_buffer(1, 30);
  for (const TextMode& mode : {utf8(), bytes()}) {
    for (int round = 0; round < 20000; ++round) {
      const std::string text = random_text(random);
      if (cleaned(text, mode) != reference_sanitized(text, mode)) {
        CHECK(cleaned(text, mode) == reference_sanitized(text, mode));
        break;
      }
      const int max_cells = cells(random);
      const std::size_t max_bytes = round % 4 == 0 ? small_buffer(random) : 128 * 1024;
      std::string got = "prefix";
      std::string want = "prefix";
      const int got_cells = append_for_display(got, text, max_cells, mode, max_bytes);
      const int want_cells = reference_display(want, text, max_cells, mode, max_bytes);
      if (got != want || got_cells != want_cells) {
        INFO("text of " << text.size() << " bytes, " << max_cells << " cells, " << max_bytes
                        << " bytes, utf8 " << mode.utf8);
        CHECK(got == want);
        CHECK(got_cells == want_cells);
        break;
      }
    }
  }
}

TEST_CASE("control bytes become '?' in UTF-8, '.' in a byte locale", "[text]") {
  CHECK(cleaned("a\x01"
                "b\x7f"
                "c",
                utf8()) == "a?b?c");
  CHECK(cleaned("a\x01"
                "b\x7f"
                "c",
                bytes()) == "a.b.c");
  CHECK(cleaned("caf\xc3\xa9", bytes()) == "caf??");
}

TEST_CASE("after an invalid UTF-8 lead byte the rest is cleaned as bytes", "[text]") {
  // ps 4.0.2 shows "we?ird?name." for the name "we\x01ird\xffname\n".
  CHECK(cleaned("we\x01ird\xffname\n", utf8()) == "we?ird?name.");
  CHECK(cleaned("ok \xe4\xb8\xad \xfe\ttab \xe4\xb8\xad", utf8()) == "ok \xe4\xb8\xad ?.tab ???");
  // A sequence cut off by the end of the string counts as invalid.
  CHECK(cleaned("x\xe4\xb8", utf8()) == "x??");
}

TEST_CASE("the display pass counts cells and cuts wide characters whole", "[text]") {
  const TextMode mode = utf8();
  int used = 0;
  CHECK(shown("\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad", 5, mode, &used) ==
        "\xe4\xb8\xad\xe6\x96\x87");
  CHECK(used == 4);
  CHECK(shown("abcdef", 3, mode, &used) == "abc");
  CHECK(used == 3);
  // U+0085 is valid UTF-8 but not printable.
  CHECK(shown("a\xc2\x85"
              "b",
              10, mode) == "a?b");
  CHECK(shown("a\xff"
              "b",
              10, mode) == "a?b");
  CHECK(shown("abcdef", 3, bytes(), &used) == "abc");
}

TEST_CASE("command lines as procps reads them", "[text]") {
  const TextMode mode = utf8();
  using namespace std::string_literals;
  CHECK(procps_command_line("sleep\0"
                            "100\0"s,
                            mode) == "sleep 100");
  CHECK(procps_command_line("a\0\0b\0"s, mode) == "a  b");
  CHECK(procps_command_line("x\ny\0"s, mode) == "x y");
  // Without a final NUL, a trailing space or newline is dropped.
  CHECK(procps_command_line("sshd: user \n"s, mode) == "sshd: user ");
  CHECK(procps_command_line("sshd: user"s, mode) == "sshd: user");
  CHECK(procps_command_line("\0\0"s, mode) == "?");
  CHECK_FALSE(procps_command_line(""s, mode).has_value());
}

TEST_CASE("bracketed names stand in for empty command lines", "[text]") {
  const TextMode mode = utf8();
  CHECK(procps_bracketed_name("kthreadd", false, mode) == "[kthreadd]");
  CHECK(procps_bracketed_name("sleep", true, mode) == "[sleep] <defunct>");
  CHECK(procps_command_name(std::string(70, 'k'), mode).size() == 63);
}
