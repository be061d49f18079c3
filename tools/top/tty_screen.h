// What interactive tdtop writes to the terminal (top.c frame_make, show_special, show_msg,
// show_pmt): a frame over the last one from the top-left corner (the whole screen cleared
// for the first frame), each line ended by clearing the rest of it, the lines the frame left unused
// cleared; the message line's messages and prompts. Output goes out in one write per call.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "palette.h"
#include "tty_caps.h"

namespace td::top {

class TtyScreen {
 public:
  explicit TtyScreen(const TtyCaps& caps) : caps_(caps) {}

  void resize(int columns, int rows) {
    columns_ = columns;
    rows_ = rows;
  }
  int columns() const { return columns_; }
  int rows() const { return rows_; }

  // The current window's attributes (messages, prompts, help pages).
  void set_palette(const Palette& palette) { palette_ = palette; }
  const Palette& palette() const { return palette_; }

  // A frame: `text` is its lines with their attributes (FrameMaker::set_palettes),
  // `headers` the lines that are column headers (each starts the rows of one window),
  // `message_row` the line after the summary. `clear` clears the screen first (the first
  // frame, and after the screen was used for something else). `finds` (one per header,
  // may be empty) is each window's L text, shown in reverse video wherever its rows hold it.
  void frame(std::string_view text, const std::vector<int>& headers, int message_row, bool clear,
             const std::vector<std::string>& finds = {});
  // show_scroll: `text` after two blanks on the message line, without attributes.
  void status(std::string_view text, int message_row);
  // show_msg: ` text ` in the message attribute (reverse video) on the message line, the
  // cursor hidden.
  void message(std::string_view text, int message_row);
  // show_pmt: the prompt in the prompt attribute (bold) and the input cursor; answers the
  // column input starts at.
  int prompt(std::string_view text, int message_row);
  // Text that goes straight out (a prompt's echo, cursor moves).
  void put(std::string_view text);
  // A whole screen of show_special text (the help screens), the rest cleared.
  void page(std::string_view special_text);

  const TtyCaps& caps() const { return caps_; }

 private:
  const TtyCaps& caps_;
  Palette palette_;
  int columns_ = 80, rows_ = 24;
};

}  // namespace td::top
