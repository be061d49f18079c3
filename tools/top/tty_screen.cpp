#include "tty_screen.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "special_text.h"
#include "utf8_cells.h"

namespace td::top {

namespace {

void write_out(std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

// The bytes of `text` that fit in `columns` screen columns.
std::string_view fit(std::string_view text, int columns) {
  const int keep = utf8_embody(text, columns);
  return text.substr(0, static_cast<std::size_t>(std::max(0, std::min<int>(keep, text.size()))));
}

}  // namespace

void TtyScreen::frame(std::string_view text, const std::vector<int>& headers, int message_row,
                      bool clear, const std::vector<std::string>& finds) {
  std::string out = clear ? caps_.clear : caps_.home;
  int line = 0;
  std::size_t header = 0;
  for (;;) {
    const std::size_t eol = text.find('\n');
    std::string_view piece = text.substr(0, eol);
    // The rows under a header whose window looks for a text (task_show's find_ofs).
    const std::string_view find =
        header > 0 && header - 1 < finds.size() ? std::string_view(finds[header - 1]) : "";
    if (header < headers.size() && headers[header] == line) {
      out += piece;  // its attributes are in the text
      ++header;
    } else if (!find.empty()) {
      for (std::size_t at = piece.find(find); at != std::string_view::npos; at = piece.find(find)) {
        out += piece.substr(0, at);
        out += caps_.reverse;
        out += find;
        out += caps_.caps_off;
        piece.remove_prefix(at + find.size());
      }
      out += piece;
    } else {
      out += piece;
    }
    out += caps_.erase_line;
    if (eol == std::string_view::npos) break;
    out.push_back('\n');
    text.remove_prefix(eol + 1);
    ++line;
  }
  // frame_make: the lines below the last window cleared, one by one.
  for (int row = std::max(line + 1, message_row + 1); row < rows_; ++row) {
    out += caps_.go(0, row);
    out += caps_.erase_line;
  }
  write_out(out);
}

void TtyScreen::status(std::string_view text, int message_row) {
  std::string out = caps_.go(0, message_row);
  out += caps_.caps_off;
  out += "  ";
  out += text.substr(0, static_cast<std::size_t>(std::max(columns_ - 3, 0)));
  out += caps_.erase_line;
  write_out(out);
}

void TtyScreen::message(std::string_view text, int message_row) {
  std::string out = caps_.go(0, message_row);
  out += palette_.message;
  out.push_back(' ');
  out += fit(text, columns_ - 2);
  out.push_back(' ');
  out += caps_.curs_hide;
  out += caps_.caps_off;
  out += caps_.erase_line;
  write_out(out);
}

int TtyScreen::prompt(std::string_view text, int message_row) {
  const std::string_view shown = fit(text, columns_ - 2);
  std::string out = caps_.go(0, message_row);
  out += palette_.prompt;
  out += shown;
  out.push_back(' ');
  out += caps_.curs_huge;
  out += caps_.caps_off;
  out += caps_.erase_line;
  write_out(out);
  const int length = static_cast<int>(shown.size()) - utf8_delta(shown);
  return length + 1 < columns_ ? length + 1 : columns_ - 1;
}

void TtyScreen::put(std::string_view text) {
  write_out(text);
}

void TtyScreen::page(std::string_view special_text) {
  std::string body;
  const std::size_t last = special_text.rfind('\n');
  const std::size_t whole = last == std::string_view::npos ? 0 : last + 1;
  const SpecialCaps special{palette_.markers(), palette_.caps_off};
  append_special(body, special_text.substr(0, whole), columns_, &special);
  std::string out = caps_.clear;
  std::string_view rest = body;
  // show_special(1, ...): every whole line ends by clearing the rest of it.
  for (std::size_t eol = rest.find('\n'); eol != std::string_view::npos; eol = rest.find('\n')) {
    out += rest.substr(0, eol);
    out += caps_.erase_line;
    out.push_back('\n');
    rest.remove_prefix(eol + 1);
  }
  // A last line without its newline keeps the cursor after it, a column spared.
  out += fit(special_text.substr(whole), columns_ - 1);
  out += caps_.erase_below;
  write_out(out);
}

}  // namespace td::top
