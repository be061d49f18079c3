// Pure value formatting of procps-ng 4.0.2 ps (src/ps/output.c), free of task access so
// that each rule can be unit-tested on plain numbers.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

namespace td::ps {

// "time", "cputime": [DD-]HH:MM:SS of whole seconds.
void append_cputime(std::string& out, std::uint64_t seconds);
// "etime": [[DD-]HH:]MM:SS.
void append_elapsed(std::string& out, std::uint64_t seconds);
// "bsdtime": minutes unbounded, "%3u:%02u".
void append_bsdtime(std::string& out, std::uint64_t seconds);

// Lifetime CPU use in percent: ticks * 100 / (boot_ticks - start_ticks), 0 when the task
// started after the reference instant. Computed as libproc2's UTILIZATION.
double cpu_utilization(std::uint64_t cpu_ticks, std::uint64_t start_ticks,
                       std::uint64_t boot_ticks);
// "%cpu": one decimal, or a whole number from 100 on.
void append_pcpu(std::string& out, double utilization);
// "c": whole percent, "%2u", capped at 99.
void append_c(std::string& out, double utilization);
// "cp": per mille, "%3u", capped at 999.
void append_cp(std::string& out, double utilization);
// "cuu", "cuc": "%#.3f", capped at 99.999.
void append_utilization(std::string& out, double utilization);
// "%mem": rss * 1000 / total, "%2u.%u", capped at 99.9.
void append_pmem(std::string& out, std::uint64_t rss_kib, std::uint64_t mem_total_kib);

// The BSD "stat" letters: state, then < N L s l + in that order.
struct StatFlags {
  char state = '?';
  std::int64_t nice = 0;
  std::uint64_t locked_kib = 0;
  bool session_leader = false;
  std::uint64_t threads = 1;
  bool foreground = false;
};
void append_stat(std::string& out, const StatFlags& flags);

// Signal masks as ps prints them from the 16 hex digits of /proc/PID/status: 16 digits
// when the screen has room, else the low 8 digits, with '<' when higher bits are set.
void append_signal_mask(std::string& out, std::uint64_t mask, bool wide);

// Scheduling class abbreviations of "class", "cls", "policy".
std::string_view scheduling_class_name(std::int64_t policy);

// The start time columns; `start` and `now` are seconds since the epoch, shown in the
// local time zone. An instance remembers the local day it converted last: start times come
// in runs from one day, and localtime_r() plus strftime() on every row took a seventh of
// -eLf's formatting time. One instance per thread: the memory is not shared.
class StartTimeTexts {
 public:
  void append_stime(std::string& out, std::time_t start, std::time_t now);     // stime
  void append_start(std::string& out, std::time_t start, std::time_t now);     // start
  void append_bsdstart(std::string& out, std::time_t start, std::time_t now);  // bsdstart
  void append_lstart(std::string& out, std::time_t start);                     // lstart

 private:
  // The date and clock fields of localtime_r(t), nullptr where it fails. Valid until the
  // next call.
  const std::tm* local(std::time_t t);
  // ctime_r(t)'s text, newline included, or 24 blanks where it fails (ps slices it).
  // Valid until the next call.
  std::string& ctime_text(std::time_t t);

  // The seconds [begin_, end_) that localtime_r() maps one by one onto the clock of one
  // local date, base_ being begin_'s answer: a whole day from its midnight, whose other
  // seconds need only arithmetic, or else a single second. Empty at first.
  std::time_t begin_ = 0;
  std::time_t end_ = 0;
  std::tm base_{};
  std::tm answer_{};
  // localtime_r(now), for stime's choice between clock, date and year.
  bool now_known_ = false;
  bool now_valid_ = false;
  std::time_t now_ = 0;
  std::tm now_tm_{};
  // stime's date (or year) text, and the local date it was made for.
  int date_year_ = 0;
  int date_yday_ = -1;
  std::string date_text_;
  std::string ctime_;
};

// A user or group name in `max_cells`: cut to max_cells - 1 plus '+' when longer, unless
// the last kept byte is not ASCII, then the number is shown (output.c do_pr_name).
// Returns the cells used. `name` has already been through the display pass.
int append_name_fitted(std::string& out, std::string_view name, int name_cells, std::uint64_t id,
                       int max_cells);

// Decimal numbers, "%llu" and "%lld"; they return the bytes appended. fmt's format_int has
// no format string to interpret, and most cells of a line are such numbers.
inline int append_unsigned(std::string& out, std::uint64_t value) {
  const fmt::format_int text(value);
  out.append(text.data(), text.size());
  return static_cast<int>(text.size());
}
inline int append_signed(std::string& out, std::int64_t value) {
  const fmt::format_int text(value);
  out.append(text.data(), text.size());
  return static_cast<int>(text.size());
}
// "%0*llx": `digits` lowercase hex digits, the low ones of value.
void append_hex(std::string& out, std::uint64_t value, int digits);
// "%*llu": right-justified in `width` columns.
void append_right(std::string& out, std::uint64_t value, int width);

}  // namespace td::ps
