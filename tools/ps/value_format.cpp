#include "value_format.h"

#include <fmt/compile.h>

#include <algorithm>
#include <iterator>

namespace td::ps {

namespace {

// "%02u" of a number below 100 at `at`: the clock fields of the time columns.
char* put_two_digits(char* at, std::uint64_t value) {
  at[0] = static_cast<char>('0' + value / 10);
  at[1] = static_cast<char>('0' + value % 10);
  return at + 2;
}

void append_two_digits(std::string& out, std::uint64_t value) {
  char digits[2];
  put_two_digits(digits, value);
  out.append(digits, 2);
}

// "HH:MM:SS", or "MM:SS" without `hours`: the clock of `hours`, `minutes`, `seconds`.
// Made in a buffer and appended once: a time column is three fields and two colons.
void append_clock(std::string& out, std::uint64_t hours, std::uint64_t minutes,
                  std::uint64_t seconds, bool with_hours) {
  char text[8];
  char* at = text;
  if (with_hours) {
    at = put_two_digits(at, hours);
    *at++ = ':';
  }
  at = put_two_digits(at, minutes);
  *at++ = ':';
  at = put_two_digits(at, seconds);
  out.append(text, static_cast<std::size_t>(at - text));
}

// The clock of the seconds of a day.
void append_clock(std::string& out, std::uint64_t seconds, bool with_hours) {
  append_clock(out, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60, with_hours);
}

}  // namespace

void append_hex(std::string& out, std::uint64_t value, int digits) {
  char text[16];
  int used = 0;
  do {
    text[15 - used++] = "0123456789abcdef"[value & 15];
    value >>= 4;
  } while (value != 0);
  if (digits > used) out.append(static_cast<std::size_t>(digits - used), '0');
  out.append(text + 16 - used, static_cast<std::size_t>(used));
}

void append_right(std::string& out, std::uint64_t value, int width) {
  const fmt::format_int text(value);
  if (width > static_cast<int>(text.size()))
    out.append(static_cast<std::size_t>(width) - text.size(), ' ');
  out.append(text.data(), text.size());
}

void append_cputime(std::string& out, std::uint64_t seconds) {
  if (const std::uint64_t dd = seconds / 86400) {
    append_unsigned(out, dd);
    out.push_back('-');
  }
  append_clock(out, seconds, true);
}

void append_elapsed(std::string& out, std::uint64_t seconds) {
  const std::uint64_t hh = seconds / 3600 % 24, dd = seconds / 86400;
  if (dd) {
    append_unsigned(out, dd);
    out.push_back('-');
  }
  append_clock(out, seconds, dd || hh);
}

void append_bsdtime(std::string& out, std::uint64_t seconds) {
  // procps keeps the seconds in an unsigned int.
  const auto u = static_cast<std::uint32_t>(seconds);
  append_right(out, u / 60, 3);
  out.push_back(':');
  append_two_digits(out, u % 60);
}

double cpu_utilization(std::uint64_t cpu_ticks, std::uint64_t start_ticks,
                       std::uint64_t boot_ticks) {
  const double age = static_cast<double>(boot_ticks) - static_cast<double>(start_ticks);
  if (!(age > 0)) return 0.0;
  // libproc2 multiplies by a float constant; the product is a float.
  const float scaled = static_cast<float>(cpu_ticks) * 100.0f;
  return static_cast<double>(scaled) / age;
}

void append_pcpu(std::string& out, double utilization) {
  const auto permille = static_cast<std::uint32_t>(utilization * 10.0);
  append_unsigned(out, permille / 10u);
  if (permille > 999u) return;
  out.push_back('.');
  out.push_back(static_cast<char>('0' + permille % 10u));
}

void append_c(std::string& out, double utilization) {
  auto percent = static_cast<std::uint32_t>(utilization);
  if (percent > 99u) percent = 99u;
  append_right(out, percent, 2);
}

void append_cp(std::string& out, double utilization) {
  auto permille = static_cast<std::uint32_t>(utilization * 10.0);
  if (permille > 999u) permille = 999u;
  append_right(out, permille, 3);
}

void append_utilization(std::string& out, double utilization) {
  // Only ps itself, a few milliseconds old, can look busier than this.
  if (utilization > 99.0) utilization = 99.999;
  fmt::format_to(std::back_inserter(out), FMT_COMPILE("{:#.3f}"), utilization);
}

void append_pmem(std::string& out, std::uint64_t rss_kib, std::uint64_t mem_total_kib) {
  std::uint64_t permille = mem_total_kib ? rss_kib * 1000 / mem_total_kib : 0;
  if (permille > 999) permille = 999;
  append_right(out, permille / 10, 2);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + permille % 10));
}

void append_stat(std::string& out, const StatFlags& flags) {
  out.push_back(flags.state);
  if (flags.nice < 0) out.push_back('<');
  if (flags.nice > 0) out.push_back('N');
  if (flags.locked_kib) out.push_back('L');
  if (flags.session_leader) out.push_back('s');
  if (flags.threads > 1) out.push_back('l');
  if (flags.foreground) out.push_back('+');
}

void append_signal_mask(std::string& out, std::uint64_t mask, bool wide) {
  if (wide) {
    append_hex(out, mask, 16);
    return;
  }
  if (mask >> 32) out.push_back('<');
  append_hex(out, mask & 0xffffffffu, 8);
}

std::string_view scheduling_class_name(std::int64_t policy) {
  switch (policy) {
    case -1:
      return "-";
    case 0:
      return "TS";
    case 1:
      return "FF";
    case 2:
      return "RR";
    case 3:
      return "B";
    case 4:
      return "ISO";
    case 5:
      return "IDL";
    case 6:
      return "DLN";
    case 7:
      return "#7";
    case 8:
      return "#8";
    case 9:
      return "#9";
    default:
      return "?";
  }
}

namespace {

bool same_date(const std::tm& a, const std::tm& b) {
  return a.tm_year == b.tm_year && a.tm_yday == b.tm_yday;
}

long clock_seconds(const std::tm& tm) {
  return tm.tm_hour * 3600L + tm.tm_min * 60L + tm.tm_sec;
}

}  // namespace

const std::tm* StartTimeTexts::local(std::time_t t) {
  if (t >= begin_ && t < end_) {
    // Only a whole-day stretch has seconds after its first, and it starts at midnight.
    answer_ = base_;
    if (t != begin_) {
      const long seconds = static_cast<long>(t - begin_);
      answer_.tm_hour = static_cast<int>(seconds / 3600);
      answer_.tm_min = static_cast<int>(seconds / 60 % 60);
      answer_.tm_sec = static_cast<int>(seconds % 60);
    }
    return &answer_;
  }
  if (::localtime_r(&t, &answer_) == nullptr) {
    begin_ = end_ = 0;
    return nullptr;
  }
  // Remember the whole date when its midnight and its last second are where this clock
  // says: then nothing moved the clock in between (zones move it at most once a day). A
  // date where it moves (daylight saving time, a leap second in a "right/" zone) fails
  // that and is remembered for this second only.
  const std::time_t midnight = t - clock_seconds(answer_);
  const std::time_t last = midnight + 86399;
  std::tm at_midnight{};
  std::tm at_last{};
  if (::localtime_r(&midnight, &at_midnight) != nullptr &&
      ::localtime_r(&last, &at_last) != nullptr && same_date(at_midnight, answer_) &&
      same_date(at_last, answer_) && clock_seconds(at_midnight) == 0 &&
      clock_seconds(at_last) == 86399) {
    begin_ = midnight;
    end_ = midnight + 86400;
    base_ = at_midnight;
  } else {
    begin_ = t;
    end_ = t + 1;
    base_ = answer_;
  }
  return &answer_;
}

std::string& StartTimeTexts::ctime_text(std::time_t t) {
  ctime_.clear();
  const std::tm* tm = local(t);
  if (tm != nullptr && tm->tm_year >= 1000 - 1900 && tm->tm_year <= 9999 - 1900) {
    // asctime(3)'s "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", with English names.
    static constexpr std::string_view kDays = "SunMonTueWedThuFriSat";
    static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
    ctime_.append(kDays.substr(static_cast<std::size_t>(tm->tm_wday) * 3, 3)).push_back(' ');
    ctime_.append(kMonths.substr(static_cast<std::size_t>(tm->tm_mon) * 3, 3));
    append_right(ctime_, static_cast<std::uint64_t>(tm->tm_mday), 3);
    ctime_.push_back(' ');
    // Fields one by one: a leap second is 23:59:60.
    append_clock(ctime_, static_cast<std::uint64_t>(tm->tm_hour),
                 static_cast<std::uint64_t>(tm->tm_min), static_cast<std::uint64_t>(tm->tm_sec),
                 true);
    ctime_.push_back(' ');
    append_unsigned(ctime_, static_cast<std::uint64_t>(tm->tm_year + 1900));
    ctime_.push_back('\n');
    return ctime_;
  }
  // Other years are left to ctime_r() itself.
  char text[64] = {};
  if (::ctime_r(&t, text) == nullptr)
    ctime_.assign(24, ' ');
  else
    ctime_.assign(text);
  return ctime_;
}

void StartTimeTexts::append_stime(std::string& out, std::time_t start, std::time_t now) {
  if (!now_known_ || now != now_) {
    now_known_ = true;
    now_ = now;
    now_valid_ = ::localtime_r(&now, &now_tm_) != nullptr;
    date_yday_ = -1;
  }
  if (!now_valid_) return;
  const std::tm* theirs = local(start);
  if (theirs == nullptr) return;
  if (same_date(*theirs, now_tm_)) {
    // strftime's "%H:%M": these digits do not depend on the locale.
    char text[5];
    put_two_digits(text, static_cast<std::uint64_t>(theirs->tm_hour));
    text[2] = ':';
    put_two_digits(text + 3, static_cast<std::uint64_t>(theirs->tm_min));
    out.append(text, sizeof text);
    return;
  }
  if (theirs->tm_year != date_year_ || theirs->tm_yday != date_yday_) {
    // The month's name is the locale's: strftime() makes it, once a date.
    const char* format = theirs->tm_year != now_tm_.tm_year ? "%Y" : "%b%d";
    char text[64];
    date_text_.assign(text, std::strftime(text, sizeof text, format, theirs));
    date_year_ = theirs->tm_year;
    date_yday_ = theirs->tm_yday;
  }
  out.append(date_text_);
}

void StartTimeTexts::append_start(std::string& out, std::time_t start, std::time_t now) {
  std::string& text = ctime_text(start);
  if (text[8] == ' ') text[8] = '0';
  if (text[11] == ' ') text[11] = '0';
  if (static_cast<unsigned long>(start) + 60 * 60 * 24 > static_cast<unsigned long>(now))
    out.append(text, 11, 8);
  else
    out.append("  ").append(text, 4, 6);
}

void StartTimeTexts::append_bsdstart(std::string& out, std::time_t start, std::time_t now) {
  std::time_t ago = now - start;
  if (ago < 0) ago = 0;
  out.append(ctime_text(start), ago > 3600 * 24 ? 4 : 10, 6);
}

void StartTimeTexts::append_lstart(std::string& out, std::time_t start) {
  out.append(ctime_text(start), 0, 24);
}

int append_name_fitted(std::string& out, std::string_view name, int name_cells, std::uint64_t id,
                       int max_cells) {
  if (name_cells <= max_cells) {
    out.append(name);
    return name_cells;
  }
  const auto keep = static_cast<std::size_t>(max_cells > 0 ? max_cells - 1 : 0);
  // procps tests the byte the '+' replaces as a signed char: only ASCII may be cut.
  if (max_cells >= 1 && keep < name.size() && static_cast<signed char>(name[keep]) >= 0 &&
      name[keep] != 127) {
    out.append(name.substr(0, keep));
    out.push_back('+');
    return max_cells;
  }
  return append_unsigned(out, static_cast<std::uint32_t>(id));
}

}  // namespace td::ps
