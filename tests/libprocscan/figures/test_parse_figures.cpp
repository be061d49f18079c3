// The system figure parsers on captured files and odd ones (tests/data/system, NOTES.md).
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "figures/parsers.h"

using namespace procscan;
using namespace procscan::figures;
using F = SystemFigure;

namespace {

std::string data(std::string_view relative) {
  const std::string path = std::string(TESTS_DATA_DIR) + "/system/" + std::string(relative);
  std::ifstream in(path, std::ios::binary);
  INFO("data file " << path);
  REQUIRE(in.good());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void check_absent(const SystemSnapshot& s, std::initializer_list<F> figures) {
  for (F f : figures) {
    INFO(system_figure_info(f).name);
    CHECK_FALSE(s.has(f));
    CHECK(s.value(f) == 0);
  }
}

}  // namespace

TEST_CASE("captured /proc/stat: totals, per CPU and the one-number lines", "[figures][stat]") {
  SystemSnapshot s;
  REQUIRE(parse_proc_stat(data("captured/stat"), true, s));
  // cpu  173297 5608 41802 11895 209 0 136 0 0 0
  CHECK(s.value(F::CpuUser) == 173297);
  CHECK(s.value(F::CpuNice) == 5608);
  CHECK(s.value(F::CpuSystem) == 41802);
  CHECK(s.value(F::CpuIdle) == 11895);
  CHECK(s.value(F::CpuIowait) == 209);
  CHECK(s.value(F::CpuSoftirq) == 136);
  for (F f : {F::CpuIrq, F::CpuSteal, F::CpuGuest, F::CpuGuestNice}) {
    CHECK(s.has(f));
    CHECK(s.value(f) == 0);
  }
  CHECK(s.value(F::ContextSwitches) == 1390144);
  CHECK(s.value(F::BootTime) == 1796638410);
  CHECK(s.value(F::Forks) == 15214);
  CHECK(s.value(F::ProcsRunning) == 13);
  CHECK(s.has(F::ProcsBlocked));
  CHECK(s.value(F::ProcsBlocked) == 0);
  REQUIRE(s.cpus.size() == 2);
  CHECK(s.cpus[0].cpu == 0);
  CHECK(s.cpus[1].cpu == 1);
  CHECK(s.cpus[0].columns == 10);
  // The per-CPU user ticks add up to the total's.
  CHECK(s.cpus[0].ticks[0] + s.cpus[1].ticks[0] == s.value(F::CpuUser));
  // Nothing of another file.
  check_absent(s, {F::MemTotal, F::Load1, F::UptimeCentis, F::Users});
}

TEST_CASE("/proc/stat without per-CPU lines asked leaves cpus alone", "[figures][stat]") {
  SystemSnapshot s;
  s.cpus.push_back(CpuTicks{7, {}, 1});
  REQUIRE(parse_proc_stat(data("captured/stat"), false, s));
  REQUIRE(s.cpus.size() == 1);
  CHECK(s.cpus[0].cpu == 7);
  CHECK(s.value(F::CpuUser) == 173297);
}

TEST_CASE("an offline CPU has no line: the others keep their ids", "[figures][stat]") {
  SystemSnapshot s;
  REQUIRE(parse_proc_stat(data("odd/stat-offline-cpu"), true, s));
  REQUIRE(s.cpus.size() == 3);
  CHECK(s.cpus[0].cpu == 0);
  CHECK(s.cpus[1].cpu == 2);
  CHECK(s.cpus[2].cpu == 3);
  CHECK(s.cpus[1].ticks[0] == 25217);
  CHECK(s.cpus[2].ticks[9] == 0);
  CHECK(s.cpus[2].columns == 10);
  CHECK(s.value(F::ProcsRunning) == 3);
  CHECK(s.value(F::ProcsBlocked) == 1);
}

TEST_CASE("an old kernel's four tick columns: the rest absent", "[figures][stat]") {
  SystemSnapshot s;
  REQUIRE(parse_proc_stat(data("odd/stat-old-kernel"), true, s));
  CHECK(s.value(F::CpuUser) == 1000);
  CHECK(s.value(F::CpuIdle) == 50000);
  check_absent(s, {F::CpuIowait, F::CpuIrq, F::CpuSoftirq, F::CpuSteal, F::CpuGuest,
                   F::CpuGuestNice, F::ProcsRunning, F::ProcsBlocked});
  REQUIRE(s.cpus.size() == 1);
  CHECK(s.cpus[0].columns == 4);
  CHECK(s.value(F::BootTime) == 769041601);
  CHECK(s.value(F::Forks) == 86031);
  CHECK(s.value(F::ContextSwitches) == 115315);
}

TEST_CASE("huge and malformed /proc/stat values", "[figures][stat]") {
  SystemSnapshot s;
  REQUIRE(parse_proc_stat(data("odd/stat-huge"), true, s));
  CHECK(s.value(F::CpuUser) == UINT64_MAX);
  CHECK(s.value(F::CpuNice) == UINT64_MAX);
  CHECK(s.value(F::CpuGuestNice) == 14);
  REQUIRE(s.cpus.size() == 3);
  // cpu0's third column is past 64 bits: the line's columns end before it.
  CHECK(s.cpus[0].cpu == 0);
  CHECK(s.cpus[0].columns == 2);
  CHECK(s.cpus[0].ticks[1] == 2);
  CHECK(s.cpus[0].ticks[2] == 0);
  // cpu1 starts with a sign: no column.
  CHECK(s.cpus[1].cpu == 1);
  CHECK(s.cpus[1].columns == 0);
  // cpu4294967296 is past INT_MAX and skipped; cpu2147483647 is kept.
  CHECK(s.cpus[2].cpu == 2147483647);
  CHECK(s.value(F::BootTime) == UINT64_MAX);
  check_absent(s, {F::ContextSwitches, F::Forks, F::ProcsRunning});
  CHECK(s.value(F::ProcsBlocked) == 4);  // the first of two
}

TEST_CASE("/proc/stat without a cpu line", "[figures][stat]") {
  SystemSnapshot s;
  CHECK_FALSE(parse_proc_stat("ctxt 5\nbtime 6\n", true, s));
  CHECK(s.value(F::ContextSwitches) == 5);
  CHECK_FALSE(parse_proc_stat("cpu\ncpux 1 2\n", true, s));
  CHECK(s.cpus.empty());
  CHECK_FALSE(parse_proc_stat("", true, s));
  // A key must stand at the start of its line, whole.
  SystemSnapshot t;
  CHECK(parse_proc_stat("cpu 1\nxctxt 5\nctxt5\n ctxt 7\n", true, t));
  CHECK(t.value(F::ContextSwitches) == 7);  // leading blanks are not part of the key
  CHECK(t.value(F::CpuUser) == 1);
}

TEST_CASE("a /proc/stat of many CPUs and a long intr line", "[figures][stat]") {
  std::string text = "cpu  1 2 3 4 5 6 7 8 9 10\n";
  for (int cpu = 0; cpu < 512; ++cpu)
    text +=
        "cpu" + std::to_string(cpu) + " 11 22 33 44 55 66 77 88 99 " + std::to_string(cpu) + "\n";
  text += "intr 1";
  for (int i = 0; i < 5000; ++i)
    text += " 0";
  text += "\nctxt 42\n";
  SystemSnapshot s;
  REQUIRE(parse_proc_stat(text, true, s));
  REQUIRE(s.cpus.size() == 512);
  CHECK(s.cpus[511].cpu == 511);
  CHECK(s.cpus[511].ticks[9] == 511);
  CHECK(s.value(F::ContextSwitches) == 42);
}

TEST_CASE("captured /proc/meminfo", "[figures][meminfo]") {
  SystemSnapshot s;
  REQUIRE(parse_meminfo(data("captured/meminfo"), s));
  CHECK(s.value(F::MemTotal) == 24683748);
  CHECK(s.value(F::MemFree) == 18694324);
  CHECK(s.value(F::MemAvailable) == 20842256);
  CHECK(s.value(F::Buffers) == 10096);
  CHECK(s.value(F::Cached) == 2309736);  // not SwapCached's line
  CHECK(s.value(F::SwapCached) == 0);
  CHECK(s.value(F::Shmem) == 10152);
  CHECK(s.value(F::SReclaimable) == 127972);
  CHECK(s.has(F::SwapTotal));
  CHECK(s.has(F::SwapFree));
  check_absent(s, {F::CpuUser, F::Load1});
}

TEST_CASE("an old kernel's /proc/meminfo, huge and malformed values", "[figures][meminfo]") {
  SystemSnapshot s;
  REQUIRE(parse_meminfo(data("odd/meminfo-old-kernel"), s));
  CHECK(s.value(F::MemTotal) == 16384000);
  CHECK(s.value(F::MemFree) == 123456);  // the first of two
  CHECK(s.value(F::SwapTotal) == UINT64_MAX);
  check_absent(s, {F::MemAvailable, F::Shmem, F::SwapFree, F::SReclaimable});
  SystemSnapshot t;
  CHECK_FALSE(parse_meminfo("MemFree: 1 kB\n", t));
  CHECK(t.value(F::MemFree) == 1);
}

TEST_CASE("captured /proc/loadavg and /proc/uptime, in hundredths", "[figures][loadavg]") {
  SystemSnapshot s;
  REQUIRE(parse_loadavg(data("captured/loadavg"), s));
  // 13.14 11.31 7.09 13/220 15215
  CHECK(s.value(F::Load1) == 1314);
  CHECK(s.value(F::Load5) == 1131);
  CHECK(s.value(F::Load15) == 709);
  REQUIRE(parse_uptime(data("captured/uptime"), s));
  // 1169.45 118.95
  CHECK(s.value(F::UptimeCentis) == 116945);
  CHECK(s.value(F::IdleCentis) == 11895);
}

TEST_CASE("odd loads and uptimes", "[figures][loadavg]") {
  SystemSnapshot s;
  REQUIRE(parse_loadavg(data("odd/loadavg-huge"), s));
  CHECK(s.value(F::Load1) == UINT64_MAX);
  CHECK(s.value(F::Load15) == 9999);
  SystemSnapshot t;
  CHECK_FALSE(parse_loadavg(data("odd/loadavg-overflow"), t));
  check_absent(t, {F::Load1, F::Load5, F::Load15});  // all or nothing
  CHECK_FALSE(parse_uptime(data("odd/uptime-one-decimal"), t));
  check_absent(t, {F::UptimeCentis, F::IdleCentis});
  CHECK_FALSE(parse_loadavg("1.00 2.00\n", t));
  CHECK_FALSE(parse_uptime("", t));
  CHECK(parse_uptime("0.00 0.00", t));
}

TEST_CASE("parse_centis takes the kernel's two decimals only", "[figures][loadavg]") {
  CHECK(parse_centis("0.00") == 0u);
  CHECK(parse_centis("7.20") == 720u);
  CHECK(parse_centis("123456.78") == 12345678u);
  for (std::string_view bad : {"", ".", "1", "1.", ".25", "1.2", "1.234", "-1.00", "+1.00", "1,00",
                               "1.0x", "0x1.00", "1.00\r", " 1.00", "1..00"}) {
    INFO('"' << bad << '"');
    CHECK_FALSE(parse_centis(bad));
  }
}

TEST_CASE("utmp users as procps-ng 4.0.2 counts them", "[figures][utmp]") {
  // USER_PROCESS with a name: alice, bob, alice again; not the nameless one, the dead one,
  // LOGIN, boot or run level records.
  CHECK(count_utmp_users(data("utmp/mixed")) == 3);
  CHECK(count_utmp_users(data("utmp/truncated")) == 3);
  CHECK(count_utmp_users(data("utmp/empty")) == 0);
  CHECK(count_utmp_users(std::string(100, '\7')) == 0);
}
