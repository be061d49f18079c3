#include "scroll_keys.h"

#include <fmt/format.h>
#include <algorithm>

#include "line_input.h"

namespace td::top {

namespace {

// top's texts (top_nls.c).
struct Texts {
  const char* coordinates = "scroll coordinates: y = {}/{} (tasks), x = {}/{} (fields)";
  const char* offset = " + {}";
  const char* locate_prompt = "Locate string";
  const char* locate_inactive = "Locate next inactive, use \"L\"";
  const char* not_found = "{}\"{}\" not found";
  const char* another = "another ";
};
constexpr Texts kText;

constexpr int kTextStep = 8;           // SCROLLAMT: a variable column's text moves 8 columns
constexpr std::size_t kFindMax = 255;  // FNDBUFSIZ less its terminating zero

bool is_marker(const ScrollFacts& f, int position) {
  return position >= 0 && static_cast<std::size_t>(position) < f.flags.size() &&
         f.flags[static_cast<std::size_t>(position)] < 0;
}

}  // namespace

void key_scroll(KeyContext& c, int key) {
  if (!window_takes_task_keys(c) || !c.position) return;
  const WindowConfig& w = current(c);
  WindowPosition& p = *c.position;
  const ScrollFacts& f = c.scroll;
  const int total = static_cast<int>(f.flags.size());
  // Rows move only while idle tasks are shown; a page is the window's rows less its header
  // and one row kept from the last page (less the header alone in alternate display).
  const bool rows = (w.flags & kShowIdle) != 0;
  const int page = p.window_lines - (c.config.alternate_display ? 1 : 2);
  switch (key) {
    case kKeyUp:
      if (rows) p.step = -1;
      break;
    case kKeyDown:
      if (rows) p.step = +1;
      break;
    case kKeyLeft:
      if (p.text_offset && f.variable_only) {
        p.text_offset -= kTextStep;
      } else if (0 < p.first_flag) {
        p.first_flag -= 1;
        if (is_marker(f, p.first_flag)) p.first_flag -= 2;
      }
      break;
    case kKeyRight:
      if (f.variable_only) {
        p.text_offset = std::max(p.text_offset + kTextStep, 0);
      } else if (p.first_flag + 1 < total) {
        if (is_marker(f, p.first_flag))
          p.first_flag += p.first_flag + 3 < total ? 3 : 0;
        else
          p.first_flag += 1;
      }
      break;
    case kKeyPageUp:
      if (rows && 0 < p.first_task) p.step = -page;
      break;
    case kKeyPageDown:
      if (rows && p.first_task < p.tasks_total - 1) p.step = +page;
      break;
    case kKeyHome:
      if (rows) p.first_task = p.first_flag = p.text_offset = 0;
      break;
    case kKeyEnd:
      // top moves by the distance from the first task to the last page, wherever it is.
      if (rows) {
        p.step = (p.tasks_total - p.window_lines) + 1;
        p.first_flag = f.last_start;
        p.text_offset = 0;
      }
      break;
    default:
      break;
  }
}

void key_coordinates(KeyContext& c, int) {
  if (window_takes_task_keys(c)) current(c).flags ^= kViewScroll;
}

void key_locate(KeyContext& c, int key) {
  if (!window_takes_task_keys(c) || !c.position) return;
  WindowPosition& p = *c.position;
  if (key == '&' && p.find.empty()) return c.message(kText.locate_inactive);
  if (key == 'L') {
    const std::string line = read_line(c.screen, c.keys, kText.locate_prompt, c.message_row);
    if (!line.empty() && line[0] == '\033') return;
    p.find = line.substr(0, kFindMax);
    p.found_before = false;
  }
  if (p.find.empty()) return;
  p.find_pending = true;
  p.find_from = p.first_task;
}

std::string coordinates_text(const WindowConfig& window, const WindowPosition& position,
                             const ScrollFacts& facts) {
  int total = static_cast<int>(facts.flags.size());
  int first = position.first_flag + 1;
  // The highlight's two markers are not fields.
  if (window.flags & kShowHighColumn) {
    total -= 2;
    if (facts.sort_position < position.first_flag) first -= 2;
  }
  std::string text = fmt::format(fmt::runtime(kText.coordinates), position.first_task + 1,
                                 position.tasks_total, std::max(first, 1), std::max(total, 1));
  if (position.text_offset) text += fmt::format(fmt::runtime(kText.offset), position.text_offset);
  return text;
}

std::string locate_failed_text(const std::string& find, bool found_before) {
  return fmt::format(fmt::runtime(kText.not_found), found_before ? kText.another : "", find);
}

}  // namespace td::top
