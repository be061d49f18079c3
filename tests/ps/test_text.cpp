// procps' text cleaning (tools/common/text, procps_text), as ps 4.0.2 shows it.
#include <catch2/catch.hpp>

#include <clocale>
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

}  // namespace

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
