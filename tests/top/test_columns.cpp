// Widths, the columns that fit, the variable columns' share and the header.
#include <catch2/catch.hpp>

#include "columns.h"
#include "task_order.h"

using namespace td::top;

TEST_CASE("the classic header on a piped 80-column screen", "[columns]") {
  const FieldWidths widths = field_widths({});
  const ColumnLayout layout = lay_out_columns(default_config().windows[0], widths, 80, false, 1);
  CHECK(layout.header ==
        "  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND    ");
  CHECK(layout.widths.back() == 10);  // COMMAND gets what the fixed columns leave
}

TEST_CASE("pid_max's length, the CPU count and X widen their columns", "[columns]") {
  WidthFacts facts;
  facts.pid_digits = 7;
  facts.cpus = 128;
  facts.fixed_widest = 2;
  const FieldWidths widths = field_widths(facts);
  CHECK(widths.width[static_cast<std::size_t>(FieldId::Pid)] == 7);
  CHECK(widths.width[static_cast<std::size_t>(FieldId::Tgid)] == 7);
  CHECK(widths.width[static_cast<std::size_t>(FieldId::Processor)] == 3);
  CHECK(widths.width[static_cast<std::size_t>(FieldId::User)] == 10);
  CHECK(widths.width[static_cast<std::size_t>(FieldId::Wchan)] == 12);
  CHECK(widths.width[static_cast<std::size_t>(FieldId::LoginId)] == 5);  // only X -1 grows it
  facts.fixed_widest = -1;
  facts.grown[static_cast<std::size_t>(FieldId::LoginId)] = 3;
  CHECK(field_widths(facts).width[static_cast<std::size_t>(FieldId::LoginId)] == 8);
  facts.pid_digits = 11;
  CHECK(field_widths(facts).error == "failed pid maximum size test");
}

TEST_CASE("columns that do not fit are left out", "[columns]") {
  const FieldWidths widths = field_widths({});
  const ColumnLayout narrow = lay_out_columns(default_config().windows[0], widths, 40, false, 1);
  CHECK(narrow.header == "  PID USER      PR  NI    VIRT    RES ");
  const ColumnLayout none = lay_out_columns(default_config().windows[0], widths, 3, false, 1);
  CHECK(none.fields.empty());
  // In alternate display mode the header starts with the window's number.
  const ColumnLayout alt = lay_out_columns(default_config().windows[1], widths, 80, true, 2);
  CHECK(alt.header.starts_with("2  PID  PPID     TIME+  %CPU  %MEM  PR  NI S    VIRT"));
}

TEST_CASE("scrolled sideways, the columns start at the scroll position", "[columns]") {
  const FieldWidths widths = field_widths({});
  WindowConfig window = default_config().windows[0];
  CHECK(lay_out_columns(window, widths, 40, false, 1, 6).header ==
        "   SHR S  %CPU  %MEM     TIME+ COMMAND  ");
  const ScrollFacts start = scroll_facts(window, widths, 40, false, 0);
  CHECK(start.flags.size() == 12);
  CHECK(start.shown == 6);
  CHECK_FALSE(start.variable_only);
  CHECK(start.last_start == 6);  // SHR: from there every field fits (End)
  CHECK(scroll_facts(window, widths, 40, false, 11).variable_only);  // COMMAND alone
  // With the sort column highlighted ('x'), %CPU is between two markers, which count as
  // scroll positions and take no room.
  window.flags |= kShowHighColumn;
  const ScrollFacts marked = scroll_facts(window, widths, 40, false, 0);
  REQUIRE(marked.flags.size() == 14);
  CHECK(marked.flags[8] == kHighlightOn);
  CHECK(marked.flags[10] == kHighlightOff);
  CHECK(marked.sort_position == 9);
  CHECK(marked.last_start == 6);
  CHECK(scroll_facts(window, widths, 40, false, 13).variable_only);
  window.sort_field = static_cast<int>(FieldId::Command);  // COMMAND between the markers
  const ScrollFacts last = scroll_facts(window, widths, 40, false, 11);
  CHECK(last.shown == 3);
  CHECK(last.variable_only);
  window.sort_field = static_cast<int>(FieldId::Cpu);
  CHECK(lay_out_columns(window, widths, 40, false, 1, 8).header ==
        " %CPU  %MEM     TIME+ COMMAND           ");
}

TEST_CASE("sort values compare as libproc2's sort functions do", "[order]") {
  SortValue a{5, 0, {}}, b{7, 0, {}};
  CHECK(compare_sort_values(SortKind::SignedInt, a, b) < 0);
  CHECK(compare_sort_values(SortKind::Unsigned, SortValue{-1, 0, {}}, b) > 0);
  CHECK(compare_sort_values(SortKind::Version, SortValue{0, 0, "pts/10"},
                            SortValue{0, 0, "pts/9"}) > 0);
  CHECK(compare_sort_values(SortKind::None, a, b) == 0);
}
