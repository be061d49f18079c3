#include "line_input.h"

namespace td::top {

namespace {

constexpr int kBufferMax = 512 - 1;  // MEDBUFSIZ less the terminator

}  // namespace

std::string read_line(TtyScreen& screen, KeyInput& keys, std::string_view prompt, int message_row) {
  static bool overtype = false;
  const TtyCaps& caps = screen.caps();
  std::string line;
  std::size_t cursor = 0;
  const int begin = screen.prompt(prompt, message_row);
  screen.put(overtype ? caps.curs_huge : caps.curs_norm);
  int key;
  do {
    key = keys.next();
    switch (key) {
      case kKeyNone:
        return "";
      case kKeyEscape:
        return "\033";
      case kKeyEnter:
      case kKeyBackTab:
      case kKeyPageUp:
      case kKeyPageDown:
        continue;
      case kKeyInsert:
        overtype = !overtype;
        screen.put(overtype ? caps.curs_huge : caps.curs_norm);
        break;
      case kKeyDelete:
        if (cursor < line.size()) line.erase(cursor, 1);
        break;
      case kKeyBackspace:
        if (cursor > 0) line.erase(--cursor, 1);
        break;
      case kKeyLeft:
        if (cursor > 0) --cursor;
        break;
      case kKeyRight:
        if (cursor < line.size()) ++cursor;
        break;
      case kKeyHome:
        cursor = 0;
        break;
      case kKeyEnd:
        cursor = line.size();
        break;
      case kKeyUp:
      case kKeyDown:
        break;
      default:
        if (key < 0 || key > 255) break;
        // Room in the buffer and on the screen (two columns for a wide character).
        if (static_cast<int>(cursor) + 4 < kBufferMax &&
            begin + static_cast<int>(line.size()) + 2 < screen.columns()) {
          if (overtype && cursor < line.size()) line.erase(cursor, 1);
          line.insert(cursor++, 1, static_cast<char>(key));
        }
        break;
    }
    screen.put(caps.go(begin, message_row) + caps.erase_line + line +
               caps.go(begin + static_cast<int>(cursor), message_row));
  } while (key != kKeyEnter);
  return line;
}

}  // namespace td::top
