// Value formats of procps-ng 4.0.2 ps.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <string>

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
struct Utc {
  Utc() {
    ::setenv("TZ", "UTC", 1);
    ::tzset();
  }
};

}  // namespace

TEST_CASE("cpu time as [DD-]HH:MM:SS", "[value]") {
  CHECK(text(append_cputime, std::uint64_t{0}) == "00:00:00");
  CHECK(text(append_cputime, std::uint64_t{3661}) == "01:01:01");
  CHECK(text(append_cputime, std::uint64_t{86400 * 2 + 3 * 3600 + 4 * 60 + 5}) == "2-03:04:05");
}

TEST_CASE("elapsed time as [[DD-]HH:]MM:SS", "[value]") {
  CHECK(text(append_elapsed, std::uint64_t{59}) == "00:59");
  CHECK(text(append_elapsed, std::uint64_t{3600}) == "01:00:00");
  CHECK(text(append_elapsed, std::uint64_t{86400 + 1}) == "1-00:00:01");
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
  const std::time_t now = 1700000000;  // Tue Nov 14 22:13:20 2023 UTC
  CHECK(text(append_stime, now - 60, now) == "22:12");
  CHECK(text(append_stime, now - 86400 * 3, now) == "Nov11");
  CHECK(text(append_stime, now - 86400 * 400, now) == "2022");
  CHECK(text(append_start, now - 60, now) == "22:12:20");
  CHECK(text(append_start, now - 86400 * 12, now) == "  Nov 02");
  CHECK(text(append_bsdstart, now - 60, now) == " 22:12");
  CHECK(text(append_bsdstart, now - 86400 * 12, now) == "Nov  2");
  CHECK(text(append_lstart, now) == "Tue Nov 14 22:13:20 2023");
}
