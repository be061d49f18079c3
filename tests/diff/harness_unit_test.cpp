// The harness's own parts that need no namespace: case lines, placeholders, the self-row
// rule and the escaping in failure reports.
#include <catch2/catch.hpp>

#include "byte_diff.h"
#include "case_table.h"
#include "comparison.h"
#include "quiet_window.h"
#include "top_masks.h"

using td::diff::Case;
using td::diff::CaseTable;
using td::diff::parse_case_table;

namespace {

std::vector<std::string> texts(const std::string& line) {
  std::vector<td::diff::Word> words;
  std::string error;
  REQUIRE(td::diff::split_words(line, &words, &error));
  std::vector<std::string> out;
  for (const auto& word : words)
    out.push_back(word.text);
  return out;
}

}  // namespace

TEST_CASE("words split like a shell's, without expansion") {
  CHECK(texts("ps -o 'pid,comm' \"a \\\"b\\\"\" c\\ d  # comment") ==
        std::vector<std::string>{"ps", "-o", "pid,comm", "a \"b\"", "c d"});
  CHECK(texts("ps -o ''") == std::vector<std::string>{"ps", "-o", ""});
  CHECK(texts("  # only a comment").empty());
  std::vector<td::diff::Word> words;
  std::string error;
  CHECK_FALSE(td::diff::split_words("ps 'open", &words, &error));
}

TEST_CASE("markers and assignments come before the command") {
  CaseTable table = parse_case_table(
      "# comment\n\n@tty=132x50 @noself COLUMNS=60 LC_ALL=C.UTF-8 ps -ef X=1\n@closed ps aux\n"
      "@head=1 ps\n@full @stderr ps -V\n",
      "t.txt", "ps");
  REQUIRE(table.errors.empty());
  REQUIRE(table.cases.size() == 4);
  const Case& c = table.cases[0];
  CHECK(c.line == 3);
  CHECK(c.output == td::diff::Output::tty);
  CHECK(c.ctty);
  CHECK(c.cols == 132);
  CHECK(c.rows == 50);
  CHECK(c.drop_self_row);
  CHECK(c.env == std::vector<std::string>{"COLUMNS=60", "LC_ALL=C.UTF-8"});
  CHECK(c.argv == std::vector<std::string>{"ps", "-ef", "X=1"});
  CHECK(table.cases[1].output == td::diff::Output::closed);
  CHECK(table.cases[2].head_lines == 1);
  CHECK_FALSE(table.cases[2].compare_stderr);
  CHECK(table.cases[3].output == td::diff::Output::full);
  CHECK(table.cases[3].compare_stderr);
}

TEST_CASE("a quoted value still makes an assignment, a quoted name does not") {
  CaseTable table = parse_case_table(
      "PS_FORMAT=\"pid tty\" A='x y' B=c\\ d ps\n\"C=1\" ps\nD\\=1 ps\n", "t.txt", "ps");
  REQUIRE(table.cases.size() == 1);
  CHECK(table.cases[0].env == std::vector<std::string>{"PS_FORMAT=pid tty", "A=x y", "B=c d"});
  CHECK(table.errors.size() == 2);
}

TEST_CASE("bad case lines are reported with their line number") {
  CaseTable table = parse_case_table(
      "top -b\n@bogus ps\n@tty=0 ps\n@tty=80 @head=2 ps\n'@noself' ps\n", "t.txt", "ps");
  CHECK(table.cases.empty());
  REQUIRE(table.errors.size() == 5);
  CHECK(table.errors[0].starts_with("t.txt:1: "));
  CHECK(table.errors[1] == "t.txt:2: unknown marker @bogus");
}

TEST_CASE("placeholders expand; other braces stay") {
  auto lookup = [](const std::string& key) -> std::optional<std::string> {
    if (key == "pid:sleeper") return "7";
    if (key == "tid:threads") return "12";
    if (key == "tty:fixtures") return "pts/0";
    return std::nullopt;
  };
  std::string out, error;
  REQUIRE(td::diff::expand_placeholders("-p{pid:sleeper},{pid:sleeper}", lookup, &out, &error));
  CHECK(out == "-p7,7");
  REQUIRE(td::diff::expand_placeholders("{tid:threads},{pid:sleeper}", lookup, &out, &error));
  CHECK(out == "12,7");
  REQUIRE(td::diff::expand_placeholders("{tty:fixtures}", lookup, &out, &error));
  CHECK(out == "pts/0");
  REQUIRE(td::diff::expand_placeholders("a{b}c{", lookup, &out, &error));
  CHECK(out == "a{b}c{");
  CHECK_FALSE(td::diff::expand_placeholders("{pid:nope}", lookup, &out, &error));
  CHECK(error == "unknown placeholder {pid:nope}");
}

TEST_CASE("@noself drops exactly the tool's row, found under the PID header") {
  std::string out =
      "USER         PID %CPU COMMAND\n"
      "root           1  0.0 init\n"
      "root        1000  3.0 ps aux\n"
      "root       10000  0.0 other 1000\n";
  REQUIRE(td::diff::drop_self_row(&out, 1000));
  CHECK(out ==
        "USER         PID %CPU COMMAND\n"
        "root           1  0.0 init\n"
        "root       10000  0.0 other 1000\n");
  std::string ppid_only = "   PPID CMD\n   1000 x\n";
  CHECK_FALSE(td::diff::drop_self_row(&ppid_only, 1000));
}

TEST_CASE("@noself drops the tool's thread rows too: -L rows of its pid, m rows under it") {
  std::string threads =
      "  PID   LWP CMD\n"
      "  999   999 a\n"
      " 1000  1000 ps\n"
      " 1000  1001 ps\n"
      " 1002  1002 b\n";
  REQUIRE(td::diff::drop_self_row(&threads, 1000));
  CHECK(threads == "  PID   LWP CMD\n  999   999 a\n 1002  1002 b\n");
  std::string m_format =
      "  PID CMD\n"
      " 1000 ps m\n"
      "    - -\n"
      "    - -\n"
      " 1002 b\n"
      "    - -\n";
  REQUIRE(td::diff::drop_self_row(&m_format, 1000));
  CHECK(m_format == "  PID CMD\n 1002 b\n    - -\n");
}

TEST_CASE("failure reports escape bytes and point at the first difference") {
  CHECK(td::diff::escape_bytes("a\tb\x1b[0m\\\xc3\xa9 \n") == "a\\tb\\e[0m\\\\\\xc3\\xa9 \\n");
  CHECK(td::diff::describe_difference("same\n", "same\n", "ref", "td").empty());
  std::string report = td::diff::describe_difference("h\nabc \nz\n", "h\nabd\nz\n", "ref", "td");
  CHECK(report.find("line 2, byte 3") != std::string::npos);
  CHECK(report.find("- ref   2| abc $") != std::string::npos);
  CHECK(report.find("+ td    2| abd$") != std::string::npos);
  CHECK(report.find("\n             ^\n") != std::string::npos);
  using td::diff::Line;
  CHECK(td::diff::split_lines("a\n\nb") ==
        std::vector<Line>{{"a", true}, {"", true}, {"b", false}});
  CHECK(td::diff::split_lines("x\n") != td::diff::split_lines("x"));
  CHECK(td::diff::split_lines("").empty());
  std::string missing_newline = td::diff::describe_difference("x\n", "x", "ref", "td");
  CHECK(missing_newline.find("[no newline at end]") != std::string::npos);
}

TEST_CASE("a candidate line lies between two reference runs") {
  using td::diff::line_between;
  const char* early = "root   10  0.7  0.0   6600 ?  S  17:01   0:00 x";
  const char* late = "root   10  0.5  0.0   6600 ?  S  17:01   0:00 x";
  CHECK(line_between(early, early, late));
  CHECK(line_between(early, late, late));
  CHECK(line_between(early, "root   10  0.6  0.0   6600 ?  S  17:01   0:00 x", late));
  CHECK_FALSE(line_between(early, "root   10  0.8  0.0   6600 ?  S  17:01   0:00 x", late));
  CHECK_FALSE(line_between(early, "root   10  0.4  0.0   6600 ?  S  17:01   0:00 x", late));
  CHECK_FALSE(line_between(early, "root   10  0.6  0.0   6600 ?  R  17:01   0:00 x", late));
  CHECK_FALSE(line_between(early, "root   10  0.6  0.0   6600 ?  S  17:01   0:00 y", late));
  CHECK_FALSE(line_between(early, "root   10  0.6  0.0   6600 ?  S  17:01   0:00 x ", late));
  CHECK_FALSE(line_between(early, "root   10  0.6  0.0   6601 ?  S  17:01   0:00 x", late));
  // A column that widens shifts what follows: only equality to either run passes then.
  CHECK_FALSE(line_between(" 9.9 a", " 10.0 a", "10.1 a"));
  CHECK(line_between("1.5 x", "1.5 x", "1.8 y"));
}

TEST_CASE("quiet windows avoid every task's elapsed-second phase") {
  // Ticks at 100 Hz: phases at 100 ms and 450 ms into each second.
  td::diff::QuietWindow window({10, 110, 45, 1245}, {}, 100);
  CHECK(window.delay_ms(600, 100) == 0);           // 600..700 is clear
  CHECK(window.delay_ms(90, 100) == 36);           // wait until just past 100 ms (+25 margin)
  CHECK(window.delay_ms(420, 300) == 56);          // past 450, then 476..776 is clear
  CHECK(window.delay_ms(0, 700) == std::nullopt);  // no 700 ms gap between the phases
  CHECK(window.quiet_between(5200, 5380));
  CHECK_FALSE(window.quiet_between(5380, 5460));  // 5450 lies inside
  CHECK_FALSE(window.quiet_between(5960, 6110));  // 6100 lies inside
  CHECK_FALSE(window.seconds_quiet_between(5960, 6110));
  CHECK(window.seconds_quiet_between(5200, 5380));
}

TEST_CASE("quiet windows avoid the instants a task's CPU share steps") {
  // Started at 100 s, 2 ticks (20 ms) of CPU: 20 ms / elapsed reaches 1 per mille at 120 s,
  // 2 at 110 s, 3 at 106.666 s, ... 8 at 102.5 s.
  td::diff::QuietWindow window({}, {{10000, 2, 2}}, 100);
  CHECK_FALSE(window.quiet_between(109900, 110100));
  CHECK(window.seconds_quiet_between(109900, 110100));  // a step, but no elapsed second
  CHECK(window.quiet_between(110100, 119900));
  CHECK_FALSE(window.quiet_between(119990, 120000));
  CHECK_FALSE(window.quiet_between(102400, 102480));  // 102500 within the margin
  CHECK(window.delay_ms(110000, 500) == 26);          // just past the step at 110 s
  // Steps every few tens of milliseconds now, sparser later: the stretch may lie seconds
  // ahead. 50 ticks (500 ms of CPU) started at 100 s step at 100 + 500/k s, 500/k^2 s
  // apart: 18 ms near 103 s, 72 ms near 106 s, where 10 ms and two margins of 25 fit.
  td::diff::QuietWindow busy({}, {{10000, 50, 50}}, 100);
  const auto later = busy.delay_ms(103000, 10);
  REQUIRE(later);
  CHECK(*later > 2000);
  CHECK(*later < 3000);
  // Never 300 ms free of steps within 3 s: then a stretch free of elapsed-second changes
  // (none here, so at once).
  CHECK(busy.delay_ms(102500, 300) == 0);
  td::diff::QuietWindow busy_and_phased({1030, 1080}, {{10000, 50, 50}}, 100);
  CHECK(busy_and_phased.delay_ms(102500, 300) == 326);  // past the phase at 102.800 s
  // Dead children's time counts too (ps S): 4 ticks step at 104.444 s (k = 9), where 2
  // ticks have none (104 s, 105 s).
  td::diff::QuietWindow cumulative({}, {{10000, 2, 4}}, 100);
  CHECK_FALSE(cumulative.quiet_between(104430, 104460));
  CHECK(window.quiet_between(104430, 104460));
}

TEST_CASE("top's load averages are one token whatever their widths; other text is compared") {
  std::string low = "top - 17:50:28 up  7:36,  0 user,  load average: 3.87, 5.15, 5.24";
  std::string high = "top - 17:50:33 up  7:37,  0 user,  load average: 42.96, 13.23, 7.86";
  td::diff::mask_top_output(low, "top");
  td::diff::mask_top_output(high, "top");
  CHECK(low == "top - ##:##:## up <uptime>,  0 user,  load average: <load>");
  CHECK(high == low);
  // Cut short by the screen's width, at different places in the numbers.
  std::string cut_low = "top - 17:50:28 up  7:36,  0 user,  load average: 3.87, 5.1";
  std::string cut_high = "top - 17:50:28 up  7:36,  0 user,  load average: 42.96, 1";
  td::diff::mask_top_output(cut_low, "top");
  td::diff::mask_top_output(cut_high, "top");
  CHECK(cut_low == cut_high);
  // A word where the numbers belong is not hidden.
  std::string wrong = "top - 17:50:28 up  7:36,  0 user,  load average: 3.87, 5.15, x";
  td::diff::mask_top_output(wrong, "top");
  CHECK(wrong != low);
}
