// Other filters typed at the o and O prompts (top.c osel_add with push): justified with the
// columns' widths of the moment and kept newest first, unlike an rcfile's.
#include <catch2/catch.hpp>

#include "other_filters.h"

using namespace td::top;

TEST_CASE("a typed filter goes first, an rcfile's last", "[filters]") {
  std::vector<OtherFilter> filters;
  REQUIRE(add_other_filter(filters, 'o', "COMMAND=a", FilterSource::Rcfile).empty());
  REQUIRE(add_other_filter(filters, 'o', "COMMAND=b", FilterSource::Rcfile).empty());
  FieldWidths widths;
  REQUIRE(add_other_filter(filters, 'O', "USER=c", FilterSource::Typed, &widths).empty());
  REQUIRE(filters.size() == 3);
  CHECK(filters[0].raw == "USER=c");
  CHECK_FALSE(filters[0].ignore_case);
  CHECK(filters[1].raw == "COMMAND=a");
  CHECK(filters[2].raw == "COMMAND=b");
}

TEST_CASE("a typed comparison is justified as the column is now", "[filters]") {
  std::vector<OtherFilter> filters;
  FieldWidths widths;
  widths.width[static_cast<std::size_t>(FieldId::Pid)] = 7;
  REQUIRE(add_other_filter(filters, 'o', "PID>10", FilterSource::Typed, &widths).empty());
  REQUIRE(filters.size() == 1);
  CHECK(filters[0].value == "     10 ");
  CHECK(passes_filters(filters, FieldId::Pid, "     11 "));
  CHECK_FALSE(passes_filters(filters, FieldId::Pid, "      9 "));
  // An rcfile's is read while PID's width is still 0: its value is a lone blank.
  std::vector<OtherFilter> early;
  REQUIRE(add_other_filter(early, 'o', "PID>10", FilterSource::Rcfile, &widths).empty());
  CHECK(early[0].value == " ");
}

TEST_CASE("top's complaints about a typed filter", "[filters]") {
  std::vector<OtherFilter> filters;
  FieldWidths widths;
  CHECK(add_other_filter(filters, 'o', "xyz", FilterSource::Typed, &widths) ==
        "'include' filter delimiter is missing");
  CHECK(add_other_filter(filters, 'o', "!xyz", FilterSource::Typed, &widths) ==
        "'exclude' filter delimiter is missing");
  CHECK(add_other_filter(filters, 'o', "command=x", FilterSource::Typed, &widths) ==
        "unrecognized field name 'command'");
  CHECK(add_other_filter(filters, 'o', "PID=", FilterSource::Typed, &widths) ==
        "'include' filter value is missing");
  REQUIRE(add_other_filter(filters, 'o', "PID=1", FilterSource::Typed, &widths).empty());
  CHECK(add_other_filter(filters, 'O', "PID=1", FilterSource::Typed, &widths) ==
        "duplicate filter was ignored");
  CHECK(filters.size() == 1);
}
