#include "palette.h"

namespace td::top {

std::array<std::string, 9> Palette::markers() const {
  return {norm, norm, bold, summary, message, prompt, header, row_high, row_norm};
}

Palette make_palette(const TtyCaps& caps, const WindowConfig& window) {
  Palette p;
  p.norm = caps.norm;
  p.caps_off = caps.caps_off;
  p.bold = (window.flags & kViewNoBold) ? caps.norm : caps.bold;
  if ((window.flags & kShowColors) && caps.colors > 0) {
    p.summary = caps.foreground(window.summary_color);
    p.message = caps.foreground(window.message_color) + caps.reverse;
    p.prompt = caps.foreground(window.message_color) + p.bold;
    p.header = caps.foreground(window.header_color) + caps.reverse;
    p.row_norm = caps.caps_off + caps.foreground(window.task_color);
  } else {
    p.message = caps.reverse;
    p.prompt = p.bold;
    p.header = caps.reverse;
    p.row_norm = caps.norm;
  }
  p.row_high = p.row_norm + ((window.flags & kShowHighBold) ? p.bold : caps.reverse);
  return p;
}

}  // namespace td::top
