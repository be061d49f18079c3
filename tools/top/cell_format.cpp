#include "cell_format.h"

#include <algorithm>
#include <cstdio>

#include "utf8_cells.h"

namespace td::top {

namespace {

// top's cell buffers: SMLBUFSIZ for numbers, SCREENMAX for text and the padded cell.
constexpr int kSmallBuffer = 128;
constexpr int kScreenBuffer = 512;

constexpr char kSuffixes[] = {'k', 'm', 'g', 't', 'p', 'e'};

// snprintf into a fixed buffer, as top does: the text written (cut to the buffer) and the
// length the whole text would have had.
template <int Size, typename... Args>
int format_into(char (&buffer)[Size], const char* format, Args... args) {
  return std::snprintf(buffer, Size, format, args...);
}

}  // namespace

void justify_pad(std::string& out, std::string_view text, int width, bool right) {
  // "%*.*s%s" into SCREENMAX bytes: the text cut to `width` bytes, padded to `width`, then
  // the separating blank; the whole cut to 511 bytes.
  const std::size_t before = out.size();
  const std::size_t keep = std::min(text.size(), static_cast<std::size_t>(std::max(width, 0)));
  const std::size_t pad = static_cast<std::size_t>(std::max(width, 0)) - keep;
  if (right) out.append(pad, ' ');
  out.append(text.substr(0, keep));
  if (!right) out.append(pad, ' ');
  out.push_back(' ');
  const std::size_t limit = kScreenBuffer - 1;
  if (out.size() - before > limit) out.resize(before + limit);
}

void make_chr(std::string& out, char c, const CellStyle& style) {
  justify_pad(out, std::string_view(&c, 1), style.width, style.right);
}

void make_num(std::string& out, long value, const CellStyle& style, bool suppressible,
              bool* truncated) {
  char buffer[kSmallBuffer] = "";
  int width = style.width;
  if (!(suppressible && style.zero_suppress && value == 0)) {
    if (width < format_into(buffer, "%ld", value)) {
      if (width <= 0 || width >= kSmallBuffer) width = kSmallBuffer - 1;
      buffer[width - 1] = '+';
      buffer[width] = '\0';
      if (truncated) *truncated = true;
    }
  }
  justify_pad(out, buffer, width, style.right);
}

void make_str(std::string& out, std::string_view text, const CellStyle& style, bool* truncated) {
  int width = style.width;
  // snprintf(buf, SCREENMAX, "%s", str): the copy keeps 511 bytes.
  std::string buffer(text.substr(0, std::min<std::size_t>(text.size(), kScreenBuffer - 1)));
  if (width < static_cast<int>(std::min<std::size_t>(text.size(), 1u << 30))) {
    if (width <= 0 || width >= kScreenBuffer) width = kScreenBuffer - 1;
    buffer.resize(static_cast<std::size_t>(width));
    buffer[static_cast<std::size_t>(width) - 1] = '+';
    if (truncated) *truncated = true;
  }
  justify_pad(out, buffer, width, style.right);
}

void make_str_utf8(std::string& out, std::string_view text, const CellStyle& style,
                   bool* truncated) {
  const int width = style.width;
  int delta = utf8_delta(text);
  std::string buffer;
  if (width + delta < static_cast<int>(std::min<std::size_t>(text.size(), 1u << 30))) {
    const int keep = utf8_embody(text, width - 1);
    buffer.assign(text.substr(0, std::min<std::size_t>(std::max(keep, 0), text.size())));
    buffer.push_back('+');
    if (buffer.size() > kScreenBuffer - 1) buffer.resize(kScreenBuffer - 1);
    delta = utf8_delta(buffer);
    if (truncated) *truncated = true;
  } else {
    buffer.assign(text.substr(0, std::min<std::size_t>(text.size(), kScreenBuffer - 1)));
  }
  justify_pad(out, buffer, width + delta, style.right);
}

void scale_mem(std::string& out, int target, float kib, const CellStyle& style) {
  static constexpr const char* kFormats[] = {"%.0f", "%.1f%c", "%.1f%c", "%.1f%c", "%.1f%c"};
  char buffer[kSmallBuffer] = "";
  if (!(style.zero_suppress && 0 >= kib)) {
    bool fits = false;
    for (int i = 0; i < 5 && !fits; ++i) {
      if (i >= target) {
        const int length =
            i == 0 ? format_into(buffer, kFormats[0], static_cast<double>(kib))
                   : format_into(buffer, kFormats[i], static_cast<double>(kib), kSuffixes[i]);
        fits = style.width >= length;
      }
      if (!fits) kib /= 1024.0f;
    }
    if (!fits) std::snprintf(buffer, sizeof buffer, "%s", "?");
  }
  justify_pad(out, buffer, style.width, style.right);
}

void scale_num(std::string& out, float value, const CellStyle& style) {
  char buffer[kSmallBuffer] = "";
  if (!(style.zero_suppress && 0 >= value)) {
    bool fits = style.width >= format_into(buffer, "%.0f", static_cast<double>(value));
    for (int i = 0; i < 6 && !fits; ++i) {
      value /= 1024.0f;
      fits = style.width >= format_into(buffer, "%.1f%c", static_cast<double>(value), kSuffixes[i]);
      if (!fits)
        fits =
            style.width >= format_into(buffer, "%.0f%c", static_cast<double>(value), kSuffixes[i]);
    }
    if (!fits) std::snprintf(buffer, sizeof buffer, "%s", "?");
  }
  justify_pad(out, buffer, style.width, style.right);
}

void scale_pcnt(std::string& out, float value, const CellStyle& style, bool extra) {
  char buffer[kSmallBuffer] = "";
  const double v = value;
  const int width = style.width;
  if (!(style.zero_suppress && 0 >= value)) {
    bool fits = false;
    if (extra) {
      fits = width >= format_into(buffer, "%#.3f", v) || width >= format_into(buffer, "%#.2f", v);
    }
    if (!fits)
      fits = width >= format_into(buffer, "%#.1f", v) ||
             width >= format_into(buffer, "%*.0f", width, v);
    if (!fits) std::snprintf(buffer, sizeof buffer, "%s", "?");
  }
  justify_pad(out, buffer, width, style.right);
}

void scale_tics(std::string& out, std::uint64_t ticks, long hertz, TimeForm form, int scaled_form,
                const CellStyle& style) {
  constexpr unsigned long kMinutesLimit = 360;  // 6 hours
  constexpr unsigned long kHoursLimit = 96;     // 4 days
  constexpr unsigned long kDaysLimit = 14;      // 2 weeks
  char buffer[kSmallBuffer] = "";
  const int width = style.width;
  unsigned long long nt = (ticks * 100ull) / static_cast<unsigned long long>(hertz);
  auto fits = [&](int length) { return width >= length; };
  if (!(style.zero_suppress && 0 >= nt)) {
    const unsigned long cent = static_cast<unsigned long>(nt % 100);
    const unsigned long secs = static_cast<unsigned long>(nt /= 100);
    const unsigned long mins = static_cast<unsigned long>(nt /= 60);
    const unsigned long hour = static_cast<unsigned long>(nt /= 60);
    const unsigned long days = static_cast<unsigned long>(nt /= 24);
    const unsigned long week = static_cast<unsigned long>(nt / 7);
    int target = static_cast<int>(form);
    if (scaled_form > target) target = scaled_form;
    // The cases fall through from the target on, as in top's switch.
    bool done = false;
    if (!done && target <= 0 && mins < kMinutesLimit + 1)
      done = fits(format_into(buffer, "%lu:%02lu.%02lu", mins, secs % 60, cent));
    if (!done && target <= 1 && mins < kMinutesLimit + 1)
      done = fits(format_into(buffer, "%lu:%02lu", mins, secs % 60));
    if (!done && target <= 2 && hour < kHoursLimit + 1)
      done = fits(format_into(buffer, "%lu,%02lu", hour, mins % 60));
    // Day2 is entered inside Day1's test of the days limit: from Day2 on, that test is skipped.
    if (!done && target <= 3 && days < kDaysLimit + 1)
      done = fits(format_into(buffer, "%lud+%luh", days, hour % 24));
    if (!done && target <= 4 && (target == 4 || days < kDaysLimit + 1))
      done = fits(format_into(buffer, "%lud", days));
    if (!done && target <= 5) done = fits(format_into(buffer, "%luw+%lud", week, days % 7));
    if (!done && target <= 6) done = fits(format_into(buffer, "%luw", week));
    if (!done) std::snprintf(buffer, sizeof buffer, "%s", "?");
  }
  justify_pad(out, buffer, width, style.right);
}

std::string hex_dotted(unsigned long value) {
  char buffer[kSmallBuffer];
  format_into(buffer, "%08lx", value);
  std::string text(buffer);
  std::replace(text.begin(), text.end(), '0', '.');
  return text;
}

void justify_header(std::string& out, std::string_view text, int width, bool right) {
  const int keep = std::min<int>(utf8_embody(text, width), static_cast<int>(text.size()));
  const std::string_view cut = text.substr(0, static_cast<std::size_t>(std::max(keep, 0)));
  justify_pad(out, cut, width + utf8_delta(cut), right);
}

}  // namespace td::top
