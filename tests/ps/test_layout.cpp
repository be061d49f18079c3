// The ps layout engine on literal cells, against lines procps-ng 4.0.2 prints.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "layout.h"

using td::ps::Align;
using td::ps::CellSource;
using td::ps::LayoutColumn;
using td::ps::LayoutOptions;
using td::ps::LineLayout;

namespace {

// Cells given as literal strings; honours max_cells the way ps' printers do when asked.
class Cells final : public CellSource {
 public:
  explicit Cells(std::vector<std::string> texts, bool cut = false)
      : texts_(std::move(texts)), cut_(cut) {}
  int cell(std::size_t index, int max_cells, std::string& out) override {
    std::string text = texts_.at(index);
    if (cut_ && static_cast<int>(text.size()) > max_cells)
      text.resize(static_cast<std::size_t>(max_cells));
    out += text;
    seen_max.push_back(max_cells);
    return static_cast<int>(text.size());
  }
  std::vector<int> seen_max;

 private:
  std::vector<std::string> texts_;
  bool cut_;
};

LayoutColumn column(std::string header, int width, Align align) {
  LayoutColumn c;
  c.header = std::move(header);
  c.width = width;
  c.align = align;
  return c;
}

std::string line(const LineLayout& layout, std::vector<std::string> texts, bool cut = false) {
  Cells cells(std::move(texts), cut);
  std::string out;
  layout.render_line(cells, out);
  return out;
}

std::string header(const LineLayout& layout) {
  std::string out;
  layout.render_header(out);
  return out;
}

// ps ax with pid_max 32768.
LineLayout bsd_default(int screen_cols) {
  return LineLayout({column("PID", 5, Align::Right), column("TTY", 8, Align::Left),
                     column("STAT", 4, Align::Left), column("TIME", 6, Align::Right),
                     column("COMMAND", 27, Align::Unlimited)},
                    LayoutOptions{screen_cols, false, false});
}

}  // namespace

TEST_CASE("headers follow the justification of their columns", "[layout]") {
  const LineLayout layout = bsd_default(td::ps::kOutbufSize);
  CHECK(header(layout) == "  PID TTY      STAT   TIME COMMAND\n");
  CHECK(line(layout, {"1", "?", "Ss", "0:10", "/sbin/init"}) ==
        "    1 ?        Ss     0:10 /sbin/init\n");
}

TEST_CASE("an overflowing value shifts only until a right column absorbs it", "[layout]") {
  // ps aux: VSZ 6 wide, RSS 5 wide; an 8-digit VSZ is taken back by RSS' padding.
  const LineLayout layout({column("VSZ", 6, Align::Right), column("RSS", 5, Align::Right),
                           column("TTY", 8, Align::Left)},
                          LayoutOptions{td::ps::kOutbufSize, false, false});
  CHECK(line(layout, {"12345678", "123", "?"}) == "12345678 123 ?\n");
  CHECK(line(layout, {"1234", "123", "?"}) == "  1234   123 ?\n");
  // Not enough padding left: the single-space minimum holds.
  CHECK(line(layout, {"12345678", "12345", "?"}) == "12345678 12345 ?\n");
}

TEST_CASE("left columns are padded by the next gap, the last column never", "[layout]") {
  const LineLayout layout({column("USER", 8, Align::User), column("TTY", 8, Align::Left)},
                          LayoutOptions{td::ps::kOutbufSize, false, false});
  CHECK(header(layout) == "USER     TTY\n");
  CHECK(line(layout, {"root", "?"}) == "root     ?\n");
  CHECK(line(layout, {"averylongname", "?"}) == "averylongname ?\n");
}

TEST_CASE("user columns turn right-justified with n", "[layout]") {
  const LineLayout layout({column("USER", 8, Align::User), column("PID", 5, Align::Right)},
                          LayoutOptions{td::ps::kOutbufSize, true, false});
  CHECK(line(layout, {"0", "1"}) == "       0     1\n");
}

TEST_CASE("an empty last header leaves the gap before it", "[layout]") {
  // ps -o pid=X -o comm= prints "    X " (procps 4.0.2).
  const LineLayout layout({column("X", 5, Align::Right), column("", 15, Align::Unlimited)},
                          LayoutOptions{td::ps::kOutbufSize, false, false});
  CHECK(header(layout) == "    X \n");
  CHECK(layout.has_header_text());
  const LineLayout none({column("", 5, Align::Right), column("", 15, Align::Unlimited)},
                        LayoutOptions{td::ps::kOutbufSize, false, false});
  CHECK_FALSE(none.has_header_text());
}

TEST_CASE("the last column gets the rest of the line on a terminal", "[layout]") {
  const LineLayout layout = bsd_default(40);
  CHECK(layout.active_cols() == 40);
  Cells cells({"1", "?", "Ss", "0:10", "/sbin/init splash quiet more words here"}, true);
  std::string out;
  layout.render_line(cells, out);
  CHECK(out == "    1 ?        Ss     0:10 /sbin/init sp\n");
  CHECK(cells.seen_max.back() == 40 - 27);
}

TEST_CASE("a non-last unlimited column is cut to its width", "[layout]") {
  const LineLayout layout({column("COMMAND", 27, Align::Unlimited), column("PID", 5, Align::Right)},
                          LayoutOptions{td::ps::kOutbufSize, false, false});
  Cells cells({"/usr/bin/something --with --many --options", "42"}, true);
  std::string out;
  layout.render_line(cells, out);
  CHECK(out == "/usr/bin/something --with -    42\n");
  CHECK(cells.seen_max.front() == 27);
}

TEST_CASE("the line width is a multiple of the screen that holds the fixed columns", "[layout]") {
  // 5+1+8+1+4+1+6+1+3 = 30 cells: a 20-column screen gives 40-cell lines.
  CHECK(bsd_default(20).active_cols() == 40);
  CHECK(bsd_default(30).active_cols() == 30);
  CHECK(bsd_default(td::ps::kOutbufSize).active_cols() == td::ps::kOutbufSize);
}

TEST_CASE("signal masks take 16 cells when the whole line fits", "[layout]") {
  const std::vector<LayoutColumn> columns = {column("PID", 5, Align::Right),
                                             column("PENDING", 9, Align::Signal),
                                             column("COMMAND", 27, Align::Unlimited)};
  const LineLayout wide(columns, LayoutOptions{80, false, false});
  CHECK(wide.wide_signals());
  CHECK(header(wide) == "  PID          PENDING COMMAND\n");
  const LineLayout narrow(columns, LayoutOptions{22, false, false});
  CHECK_FALSE(narrow.wide_signals());
  CHECK(header(narrow) == "  PID   PENDING COMMAND\n");
}

TEST_CASE("literal AIX text takes no gap", "[layout]") {
  // ps -o "%p:%C" style: PID, ":" text, %CPU, then an empty text column.
  LayoutColumn colon = column(":", 1, Align::Left);
  colon.has_printer = false;
  LayoutColumn end = column("", 0, Align::Left);
  end.has_printer = false;
  const LineLayout layout(
      {column("PID", 5, Align::Right), colon, column("USER", 8, Align::User), end},
      LayoutOptions{td::ps::kOutbufSize, false, false});
  CHECK(header(layout) == "  PID:USER    \n");
  CHECK(line(layout, {"1", "", "root", ""}) == "    1:root    \n");
}
