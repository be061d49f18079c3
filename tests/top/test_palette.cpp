// The screen's attributes (palette.h, tty_caps.h): capsmk's strings from a real terminfo
// entry, and NO_COLOR, which top 4.0.2 does not read, turning colours off.
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#include <catch2/catch.hpp>
#include <optional>

#include "config.h"
#include "palette.h"
#include "test_skip.h"
#include "tty_caps.h"

using namespace td::top;

namespace {

// TtyCaps for xterm (8 colours), with NO_COLOR as given (nullptr: unset).
std::optional<TtyCaps> xterm_caps(const char* no_color) {
  ::setenv("TERM", "xterm", 1);
  if (no_color)
    ::setenv("NO_COLOR", no_color, 1);
  else
    ::unsetenv("NO_COLOR");
  const int fd = ::open("/dev/null", O_WRONLY);
  auto caps = load_tty_caps(fd);
  ::close(fd);
  // tdtop loads one terminal for its life; here each load would leave the last one behind.
  if (cur_term) del_curterm(cur_term);
  return caps;
}

WindowConfig colored_window() {
  WindowConfig w = default_config().windows[0];  // Def: summary 1, message 1, header 3, task 1
  w.flags |= kShowColors | kShowHighColumn;
  return w;
}

}  // namespace

TEST_CASE("palette: capsmk's strings for xterm, colours on and off") {
  const auto caps = xterm_caps(nullptr);
  if (!caps) return td_test::skip_test("no terminfo entry for xterm");
  REQUIRE(caps->colors == 8);
  WindowConfig w = colored_window();
  Palette p = make_palette(*caps, w);
  CHECK(p.summary == "\033[31m");
  CHECK(p.message == "\033[31m\033[7m");
  CHECK(p.prompt == "\033[31m\033[1m");
  CHECK(p.header == "\033[33m\033[7m");
  CHECK(p.row_norm == caps->caps_off + "\033[31m");
  CHECK(p.row_high == p.row_norm + "\033[1m");  // 'b' is on by default
  CHECK(p.markers()[2] == "\033[1m");

  w.flags &= ~kShowHighBold;
  CHECK(make_palette(*caps, w).row_high == p.row_norm + "\033[7m");
  w.flags |= kViewNoBold;
  CHECK(make_palette(*caps, w).prompt == "\033[31m" + caps->norm);

  w.flags &= ~kShowColors;
  p = make_palette(*caps, w);
  CHECK(p.summary.empty());
  CHECK(p.header == "\033[7m");
  CHECK(p.row_norm == caps->norm);
}

TEST_CASE("palette: NO_COLOR turns colours off; empty, it does not") {
  auto caps = xterm_caps("1");
  if (!caps) return td_test::skip_test("no terminfo entry for xterm");
  CHECK(caps->colors == 0);
  Palette p = make_palette(*caps, colored_window());
  CHECK(p.summary.empty());
  CHECK(p.header == "\033[7m");
  CHECK(p.markers()[2] == "\033[1m");  // bold stays

  caps = xterm_caps("");
  REQUIRE(caps);
  CHECK(caps->colors == 8);
  CHECK(make_palette(*caps, colored_window()).summary == "\033[31m");
  ::unsetenv("NO_COLOR");
}
