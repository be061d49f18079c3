#include "special_text.h"

#include <algorithm>

#include "utf8_cells.h"

namespace td::top {

namespace {

// show_special copies a line into LRGBUFSIZ bytes less room for its own terminators.
constexpr std::size_t kLineBytes = 512 - 3;

}  // namespace

void append_special(std::string& out, std::string_view glob, int columns) {
  append_special(out, glob, columns, nullptr);
}

void append_special(std::string& out, std::string_view glob, int columns, const SpecialCaps* caps) {
  for (std::size_t eol = glob.find('\n'); eol != std::string_view::npos; eol = glob.find('\n')) {
    const std::string_view line = glob.substr(0, std::min(eol, kLineBytes));
    glob.remove_prefix(eol + 1);
    int room = columns;
    std::size_t begin = 0, end = 0;
    while (begin < line.size()) {
      int ch = end < line.size() ? static_cast<unsigned char>(line[end]) : 0;
      if (ch == '~')
        ch = (end + 1 < line.size() ? static_cast<unsigned char>(line[end + 1]) : 0) - '0';
      if (ch >= 0 && ch <= 8) {
        // A marker ends a piece of text ("~0", like the line's end, ends the line).
        const std::string_view piece = line.substr(begin, std::min(end, line.size()) - begin);
        const int keep = std::min<int>(utf8_embody(piece, room), static_cast<int>(piece.size()));
        if (caps) out += caps->captab[static_cast<std::size_t>(ch)];
        out.append(piece.substr(0, static_cast<std::size_t>(std::max(keep, 0))));
        if (caps) out += caps->caps_off;
        room -= static_cast<int>(piece.size());
        room += utf8_delta(piece);
        if (ch == 0) break;
        begin = end = end + 2;
      } else {
        ++end;
      }
      if (0 >= room) break;
    }
    out.push_back('\n');
  }
}

}  // namespace td::top
