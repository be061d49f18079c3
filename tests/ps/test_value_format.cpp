// Value formats of procps-ng 4.0.2 ps.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "value_format.h"

using namespace td::ps;

namespace {

template <typename F, typename... Args>
std::string text(F f, Args... args) {
  std::string out;
  f(out, args...);
  return out;
}

std::string stat_text(char state, std::int64_t nice, std::uint64_t locked, bool leader,
                      std::uint64_t threads, bool foreground) {
  StatFlags flags;
  flags.state = state;
  flags.nice = nice;
  flags.locked_kib = locked;
  flags.session_leader = leader;
  flags.threads = threads;
  flags.foreground = foreground;
  return text(append_stat, flags);
}

// Start-time columns depend on the time zone; pin it.
struct Zone {
  explicit Zone(const char* tz) {
    ::setenv("TZ", tz, 1);
    ::tzset();
  }
  ~Zone() {
    ::setenv("TZ", "UTC", 1);
    ::tzset();
  }
};
struct Utc : Zone {
  Utc() : Zone("UTC") {}
};

// The start-time texts as ps 4.0.2 makes them (output.c pr_stime, pr_start, pr_bsdstart,
// pr_lstart), from localtime_r() and ctime_r() on every call: what StartTimeTexts, which
// remembers days, must print.
std::string ctime_text(std::time_t t) {
  char buf[64] = {};
  if (::ctime_r(&t, buf) == nullptr) return std::string(24, ' ');
  return buf;
}

std::string reference_stime(std::time_t start, std::time_t now) {
  struct tm ours {};
  struct tm theirs {};
  if (::localtime_r(&now, &ours) == nullptr || ::localtime_r(&start, &theirs) == nullptr) return "";
  const char* format = "%H:%M";
  if (ours.tm_yday != theirs.tm_yday) format = "%b%d";
  if (ours.tm_year != theirs.tm_year) format = "%Y";
  char buf[64];
  return std::string(buf, std::strftime(buf, sizeof buf, format, &theirs));
}

std::string reference_start(std::time_t start, std::time_t now) {
  std::string text = ctime_text(start);
  if (text[8] == ' ') text[8] = '0';
  if (text[11] == ' ') text[11] = '0';
  if (static_cast<unsigned long>(start) + 60 * 60 * 24 > static_cast<unsigned long>(now))
    return text.substr(11, 8);
  return "  " + text.substr(4, 6);
}

std::string reference_bsdstart(std::time_t start, std::time_t now) {
  std::time_t ago = now - start;
  if (ago < 0) ago = 0;
  return ctime_text(start).substr(ago > 3600 * 24 ? 4 : 10, 6);
}

std::string reference_lstart(std::time_t start) {
  return ctime_text(start).substr(0, 24);
}

// All four columns for one start time, through `texts` or through the reference.
std::string start_columns(StartTimeTexts& texts, std::time_t start, std::time_t now) {
  std::string out;
  texts.append_stime(out, start, now);
  out.push_back('|');
  texts.append_start(out, start, now);
  out.push_back('|');
  texts.append_bsdstart(out, start, now);
  out.push_back('|');
  texts.append_lstart(out, start);
  return out;
}
std::string reference_columns(std::time_t start, std::time_t now) {
  return reference_stime(start, now) + '|' + reference_start(start, now) + '|' +
         reference_bsdstart(start, now) + '|' + reference_lstart(start);
}

// Start times around `moment`: every second of the minutes either side of it, then every
// 97 seconds of the days either side, forwards, then backwards.
std::vector<std::time_t> start_times_around(std::time_t moment) {
  std::vector<std::time_t> times;
  for (std::time_t t = moment - 120; t <= moment + 120; ++t)
    times.push_back(t);
  for (std::time_t t = moment - 2 * 86400; t <= moment + 2 * 86400; t += 97)
    times.push_back(t);
  for (std::time_t t = moment + 2 * 86400; t >= moment - 2 * 86400; t -= 89)
    times.push_back(t);
  return times;
}

// Compares StartTimeTexts with the reference for start times around each moment, seen
// from several "now"s: the same day, another day, another year. Returns the first few
// mismatches.
std::vector<std::string> compare_start_columns(const std::vector<std::time_t>& moments) {
  std::vector<std::string> wrong;
  constexpr std::size_t kShown = 3;
  for (const std::time_t moment : moments) {
    for (const std::time_t now : {moment + 3600, moment + 5 * 86400, moment + 400 * 86400}) {
      StartTimeTexts texts;
      for (const std::time_t start : start_times_around(moment)) {
        const std::string got = start_columns(texts, start, now);
        const std::string want = reference_columns(start, now);
        if (got != want && wrong.size() < kShown)
          wrong.push_back(std::to_string(start) + " now " + std::to_string(now) + ": " + got +
                          " != " + want);
      }
    }
  }
  return wrong;
}

}  // namespace

TEST_CASE("numbers as printf would print them", "[value]") {
  std::string out;
  CHECK(append_unsigned(out, 0) == 1);
  CHECK(append_unsigned(out, 18446744073709551615u) == 20);
  CHECK(append_signed(out, -2147483648LL) == 11);
  CHECK(append_signed(out, 42) == 2);
  CHECK(out == "018446744073709551615-214748364842");
  CHECK(text(append_right, std::uint64_t{7}, 3) == "  7");
  CHECK(text(append_right, std::uint64_t{12345}, 3) == "12345");
  CHECK(text(append_hex, std::uint64_t{0xbeef}, 8) == "0000beef");
  CHECK(text(append_hex, std::uint64_t{0}, 16) == "0000000000000000");
  CHECK(text(append_hex, ~std::uint64_t{0}, 8) == "ffffffffffffffff");
}

TEST_CASE("cpu time as [DD-]HH:MM:SS", "[value]") {
  CHECK(text(append_cputime, std::uint64_t{0}) == "00:00:00");
  CHECK(text(append_cputime, std::uint64_t{3661}) == "01:01:01");
  CHECK(text(append_cputime, std::uint64_t{86400 * 2 + 3 * 3600 + 4 * 60 + 5}) == "2-03:04:05");
  CHECK(text(append_cputime, std::uint64_t{86400 * 1000 - 1}) == "999-23:59:59");
}

TEST_CASE("elapsed time as [[DD-]HH:]MM:SS", "[value]") {
  CHECK(text(append_elapsed, std::uint64_t{59}) == "00:59");
  CHECK(text(append_elapsed, std::uint64_t{3600}) == "01:00:00");
  CHECK(text(append_elapsed, std::uint64_t{86400 + 1}) == "1-00:00:01");
  CHECK(text(append_elapsed, std::uint64_t{86400 + 61}) == "1-00:01:01");
}

TEST_CASE("BSD time has unbounded minutes", "[value]") {
  CHECK(text(append_bsdtime, std::uint64_t{10}) == "  0:10");
  CHECK(text(append_bsdtime, std::uint64_t{1234 * 60 + 56}) == "1234:56");
}

TEST_CASE("lifetime cpu share", "[value]") {
  // 15 ticks over 100 ticks of life: 15%.
  const double u = cpu_utilization(15, 900, 1000);
  CHECK(text(append_pcpu, u) == "15.0");
  CHECK(text(append_c, u) == "15");
  CHECK(text(append_cp, u) == "150");
  CHECK(text(append_pcpu, cpu_utilization(1, 0, 3000)) == "0.0");
  CHECK(text(append_pcpu, cpu_utilization(2, 0, 3000)) == "0.0");
  CHECK(text(append_pcpu, cpu_utilization(3, 0, 3000)) == "0.1");
  // From 100% on, whole numbers; c caps at 99 and cp at 999.
  const double busy = cpu_utilization(300, 0, 200);
  CHECK(text(append_pcpu, busy) == "150");
  CHECK(text(append_c, busy) == "99");
  CHECK(text(append_cp, busy) == "999");
  // A task younger than the reference instant counts as idle.
  CHECK(cpu_utilization(5, 1000, 1000) == 0.0);
  CHECK(text(append_utilization, 12.3456) == "12.346");
  CHECK(text(append_utilization, 150.0) == "99.999");
}

TEST_CASE("memory share", "[value]") {
  CHECK(text(append_pmem, std::uint64_t{9236}, std::uint64_t{2048000}) == " 0.4");
  CHECK(text(append_pmem, std::uint64_t{2048000}, std::uint64_t{2048000}) == "99.9");
  CHECK(text(append_pmem, std::uint64_t{123}, std::uint64_t{0}) == " 0.0");
}

TEST_CASE("STAT letters come in procps order", "[value]") {
  CHECK(stat_text('S', 0, 0, true, 1, false) == "Ss");
  CHECK(stat_text('S', -5, 10, true, 4, true) == "S<Lsl+");
  CHECK(stat_text('R', 19, 0, false, 1, true) == "RN+");
  CHECK(stat_text('Z', 0, 0, false, 1, false) == "Z");
}

TEST_CASE("signal masks", "[value]") {
  CHECK(text(append_signal_mask, std::uint64_t{0x1000}, false) == "00001000");
  CHECK(text(append_signal_mask, std::uint64_t{0x1000}, true) == "0000000000001000");
  CHECK(text(append_signal_mask, std::uint64_t{0x180014002}, false) == "<80014002");
}

TEST_CASE("scheduling classes", "[value]") {
  CHECK(scheduling_class_name(0) == "TS");
  CHECK(scheduling_class_name(3) == "B");
  CHECK(scheduling_class_name(5) == "IDL");
  CHECK(scheduling_class_name(42) == "?");
}

TEST_CASE("user names longer than the column get a '+'", "[value]") {
  std::string out;
  CHECK(append_name_fitted(out, "root", 4, 0, 8) == 4);
  CHECK(out == "root");
  out.clear();
  CHECK(append_name_fitted(out, "systemd-network", 15, 100, 8) == 8);
  CHECK(out == "systemd+");
  out.clear();
  // The last column has room for everything.
  CHECK(append_name_fitted(out, "systemd-network", 15, 100, 200) == 15);
  out.clear();
  // Cutting inside a multibyte character shows the number instead.
  CHECK(append_name_fitted(out, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5, 1234, 3) == 4);
  CHECK(out == "1234");
}

TEST_CASE("start times", "[value]") {
  const Utc utc;
  StartTimeTexts texts;
  auto stime = [&](std::time_t start, std::time_t now) {
    std::string out;
    texts.append_stime(out, start, now);
    return out;
  };
  auto start = [&](std::time_t start, std::time_t now) {
    std::string out;
    texts.append_start(out, start, now);
    return out;
  };
  auto bsdstart = [&](std::time_t start, std::time_t now) {
    std::string out;
    texts.append_bsdstart(out, start, now);
    return out;
  };
  auto lstart = [&](std::time_t start) {
    std::string out;
    texts.append_lstart(out, start);
    return out;
  };
  const std::time_t now = 1700000000;  // Tue Nov 14 22:13:20 2023 UTC
  CHECK(stime(now - 60, now) == "22:12");
  CHECK(stime(now - 86400 * 3, now) == "Nov11");
  CHECK(stime(now - 86400 * 400, now) == "2022");
  CHECK(start(now - 60, now) == "22:12:20");
  CHECK(start(now - 86400 * 12, now) == "  Nov 02");
  CHECK(bsdstart(now - 60, now) == " 22:12");
  CHECK(bsdstart(now - 86400 * 12, now) == "Nov  2");
  CHECK(lstart(now) == "Tue Nov 14 22:13:20 2023");
  // The day just remembered, then the seconds either side of its midnights.
  CHECK(stime(now - 7, now) == "22:13");
  CHECK(stime(now - 22 * 3600 - 13 * 60 - 20, now) == "00:00");
  CHECK(stime(now - 22 * 3600 - 13 * 60 - 21, now) == "Nov13");
  CHECK(lstart(now + 6399) == "Tue Nov 14 23:59:59 2023");
  CHECK(lstart(now + 6400) == "Wed Nov 15 00:00:00 2023");
  CHECK(lstart(now - 22 * 3600 - 13 * 60 - 21) == "Mon Nov 13 23:59:59 2023");
  CHECK(stime(now + 6400, now) == "Nov15");
  // Years of other lengths are ctime_r()'s own text.
  CHECK(lstart(-62135596800 - 86400) == reference_lstart(-62135596800 - 86400));
  CHECK(lstart(253402300800) == reference_lstart(253402300800));
}

TEST_CASE("remembered start days match localtime across offset changes", "[value]") {
  // Moments of 2023 in UTC: a daylight saving change in each zone below, New Year.
  const std::vector<std::time_t> moments = {
      1678604400,  // 2023-03-12 07:00: New York springs forward
      1699164000,  // 2023-11-05 06:00: New York falls back
      1679792400,  // 2023-03-26 01:00: Berlin springs forward
      1698541200,  // 2023-10-29 01:00: Berlin falls back
      1680361200,  // 2023-04-01 15:00: Lord Howe falls back half an hour
      1696087800,  // 2023-09-30 15:30: Lord Howe springs forward half an hour
      1704067200,  // 2024-01-01 00:00
  };
  // Time zone rules that need no tzdata: daylight saving by whole and by half hours, and
  // offsets of odd minutes and seconds, where local days do not start on a UTC minute.
  for (const char* tz :
       {"UTC", "EST5EDT,M3.2.0,M11.1.0", "CET-1CEST,M3.5.0,M10.5.0/3",
        "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", "<+0545>-5:45", "<-0317>3:17:23"}) {
    const Zone zone(tz);
    INFO(tz);
    CHECK(compare_start_columns(moments) == std::vector<std::string>{});
  }
}

TEST_CASE("remembered start days keep leap seconds", "[value]") {
  // A "right/" zone counts leap seconds: 2016-12-31 23:59:60 exists, and that day has
  // 86401 seconds. Only where tzdata has the zone; glibc would fall back to UTC.
  std::FILE* file = std::fopen("/usr/share/zoneinfo/right/UTC", "r");
  if (file == nullptr) return;
  std::fclose(file);
  const Zone zone("right/UTC");
  const std::time_t leap = 1483228800 + 26;  // 26 leap seconds before this one
  REQUIRE(reference_lstart(leap) == "Sat Dec 31 23:59:60 2016");
  CHECK(compare_start_columns({leap}) == std::vector<std::string>{});
}
