// top's cell makers on plain values (top.c make_num, make_str, make_str_utf8, scale_mem,
// scale_num, scale_pcnt, scale_tics, hex_make), each checked against what top 4.0.2 prints.
#include <catch2/catch.hpp>

#include <clocale>

#include "cell_format.h"
#include "utf8_cells.h"

using namespace td::top;

namespace {

CellStyle right(int width) {
  return {width, true, false};
}

template <typename Make>
std::string cell(Make make) {
  std::string out;
  make(out);
  return out;
}

}  // namespace

TEST_CASE("numbers are right-justified with a blank after, and cut with '+'", "[cells]") {
  CHECK(cell([](auto& o) { make_num(o, 1000, right(7), false); }) == "   1000 ");
  bool cut = false;
  CHECK(cell([&](auto& o) { make_num(o, 123456, right(5), false, &cut); }) == "1234+ ");
  CHECK(cut);
  CHECK(cell([](auto& o) { make_num(o, -20, right(3), false); }) == "-20 ");
  // The '0' toggle blanks zeros of the fields that allow it.
  CHECK(cell([](auto& o) { make_num(o, 0, {3, true, true}, true); }) == "    ");
  CHECK(cell([](auto& o) { make_num(o, 0, {3, true, true}, false); }) == "  0 ");
  CHECK(cell([](auto& o) { make_num(o, 5, {3, false, false}, false); }) == "5   ");
}

TEST_CASE("text cells cut by bytes or by columns", "[cells]") {
  CHECK(cell([](auto& o) { make_str(o, "pts/0", {8, false, false}); }) == "pts/0    ");
  bool cut = false;
  CHECK(cell([&](auto& o) {
          make_str(o, "a_long_wchan_name", {10, false, false}, &cut);
        }) == "a_long_wc+ ");
  CHECK(cut);
  CHECK(cell([](auto& o) {
          make_str_utf8(o, "process_api", {10, false, false});
        }) == "process_a+ ");
  CHECK(cell([](auto& o) { make_str_utf8(o, "sleeper", {10, false, false}); }) == "sleeper    ");
}

TEST_CASE("UTF-8 text is measured in columns when the locale is UTF-8", "[cells][utf8]") {
  // Debian always has C.UTF-8; a build machine without it cannot run this case.
  REQUIRE(std::setlocale(LC_CTYPE, "C.UTF-8") != nullptr);
  // café日本: 8 columns in 11 bytes.
  const std::string cafe = "caf\xc3\xa9\xe6\x97\xa5\xe6\x9c\xac";
  CHECK(utf8_delta(cafe) == 3);
  CHECK(cell([&](auto& o) { make_str_utf8(o, cafe, {8, false, false}); }) == cafe + " ");
  // Cut to 6 columns: "café" (4) and one wide character would be 6; the '+' needs one.
  CHECK(cell([&](auto& o) {
          make_str_utf8(o, cafe, {7, false, false});
        }) == "caf\xc3\xa9\xe6\x97\xa5+ ");
  // A byte that cannot start a sequence makes top count bytes.
  CHECK(utf8_delta("a\x80z") == 0);
  CHECK(utf8_embody("a\x80zzzz", 3) == 3);
  std::setlocale(LC_CTYPE, "C");
}

TEST_CASE("memory scales from the column's unit up until it fits", "[cells][memory]") {
  CHECK(cell([](auto& o) { scale_mem(o, 0, 104364.0f, right(7)); }) == " 104364 ");
  CHECK(cell([](auto& o) { scale_mem(o, 0, 12345678.0f, right(7)); }) == "  11.8g ");
  CHECK(cell([](auto& o) { scale_mem(o, 0, 1234567.0f, right(6)); }) == "  1.2g ");
  CHECK(cell([](auto& o) { scale_mem(o, 1, 13208.0f, right(6)); }) == " 12.9m ");
  CHECK(cell([](auto& o) { scale_mem(o, 4, 13208.0f, right(6)); }) == "  0.0p ");
  // The nDRT placeholder has no unit of its own.
  CHECK(cell([](auto& o) { scale_mem(o, -1, 0.0f, right(4)); }) == "   0 ");
  CHECK(cell([](auto& o) { scale_mem(o, 0, 0.0f, {4, true, true}); }) == "     ");
}

TEST_CASE("counts scale by 1024 with one decimal, then none", "[cells]") {
  CHECK(cell([](auto& o) { scale_num(o, 9999.0f, right(4)); }) == "9999 ");
  CHECK(cell([](auto& o) { scale_num(o, 12345.0f, right(4)); }) == " 12k ");
  CHECK(cell([](auto& o) { scale_num(o, 2048.0f * 1024, right(4)); }) == "2.0m ");
  CHECK(cell([](auto& o) { scale_num(o, 12345.0f, right(3)); }) == "12k ");
  CHECK(cell([](auto& o) { scale_num(o, 123456.0f, right(3)); }) == " 0m ");
}

TEST_CASE("percentages keep one decimal until the column is too narrow", "[cells]") {
  CHECK(cell([](auto& o) { scale_pcnt(o, 5.26315f, right(5)); }) == "  5.3 ");
  CHECK(cell([](auto& o) { scale_pcnt(o, 100.0f, right(5)); }) == "100.0 ");
  CHECK(cell([](auto& o) { scale_pcnt(o, 199.96f, right(5)); }) == "200.0 ");
  CHECK(cell([](auto& o) { scale_pcnt(o, 999.96f, right(5)); }) == " 1000 ");
  CHECK(cell([](auto& o) { scale_pcnt(o, 1234.5f, right(5)); }) == " 1234 ");
  CHECK(cell([](auto& o) { scale_pcnt(o, 123456.0f, right(5)); }) == "    ? ");
  // %CUU's extra precision.
  CHECK(cell([](auto& o) { scale_pcnt(o, 0.0f, right(6), true); }) == " 0.000 ");
  CHECK(cell([](auto& o) { scale_pcnt(o, 12.5f, right(6), true); }) == "12.500 ");
  CHECK(cell([](auto& o) { scale_pcnt(o, 123.5f, right(6), true); }) == "123.50 ");
}

TEST_CASE("CPU times: M:SS.hh, M:SS, H,MM, days and weeks", "[cells][time]") {
  auto tics = [](std::uint64_t ticks, int width, TimeForm form, int scaled = 0) {
    std::string out;
    scale_tics(out, ticks, 100, form, scaled, right(width));
    return out;
  };
  CHECK(tics(601, 9, TimeForm::Seconds) == "  0:06.01 ");
  CHECK(tics(601, 6, TimeForm::Seconds) == "  0:06 ");
  CHECK(tics(360 * 60 * 100, 9, TimeForm::Seconds) == "360:00.00 ");
  CHECK(tics(361 * 60 * 100, 9, TimeForm::Seconds) == "     6,01 ");
  CHECK(tics(100ull * 3600 * 30, 7, TimeForm::Hours) == "  30,00 ");
  CHECK(tics(100ull * 3600 * 100, 7, TimeForm::Hours) == "  4d+4h ");
  CHECK(tics(100ull * 86400 * 20, 7, TimeForm::Hours) == "  2w+6d ");
  CHECK(tics(100ull * 86400 * 20, 3, TimeForm::Hours) == " 2w ");
  CHECK(tics(100ull * 86400 * 20, 7, TimeForm::Day2) == "    20d ");
  // STARTED tries minutes first; ^E moves every time column to a coarser form.
  CHECK(tics(4455 * 100, 7, TimeForm::Minutes) == "  74:15 ");
  CHECK(tics(601, 9, TimeForm::Seconds, 2) == "     0,00 ");
  CHECK(tics(0, 9, TimeForm::Seconds) == "  0:00.00 ");
}

TEST_CASE("task flags in hex with dots for zeros", "[cells]") {
  CHECK(hex_dotted(0x00400100) == "..4..1..");
  CHECK(hex_dotted(0) == "........");
}

TEST_CASE("headers are cut and justified in their columns", "[cells]") {
  std::string out;
  justify_header(out, "PID", 7, true);
  justify_header(out, "USER", 8, false);
  justify_header(out, "COMMAND", 4, false);
  CHECK(out == "    PID USER     COMM ");
}
