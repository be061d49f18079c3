// SystemFigureReader: only the asked groups are read, the proc files are kept open and read
// again at offset 0, utmp is counted as glibc's getutent() loop in procps counts it.
#include <unistd.h>
#include <utmp.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "procscan/system_figures.h"

using namespace procscan;
using F = SystemFigure;
namespace fs = std::filesystem;

namespace {

std::string data(const std::string& relative) {
  return std::string(TESTS_DATA_DIR) + "/system/" + relative;
}

// Writes `text` over the file in place (same inode), as the kernel's files change.
void rewrite(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  REQUIRE(out.good());
}

struct ScratchRoot {
  ScratchRoot() {
    char name[] = "/tmp/td-figures-XXXXXX";
    REQUIRE(::mkdtemp(name));
    path = name;
    for (const char* file : {"stat", "meminfo", "loadavg", "uptime"})
      fs::copy_file(data("captured/") + file, path / file);
  }
  ~ScratchRoot() { fs::remove_all(path); }
  fs::path path;
};

// How many of our descriptors name `path`.
int descriptors_of(const fs::path& path) {
  int count = 0;
  for (const auto& entry : fs::directory_iterator("/proc/self/fd")) {
    std::error_code ec;
    if (fs::read_symlink(entry.path(), ec) == path) ++count;
  }
  return count;
}

using Reads = std::array<std::size_t, static_cast<std::size_t>(SystemGroup::Count)>;
std::size_t reads_of(const Reads& reads, SystemGroup g) {
  return reads[static_cast<std::size_t>(g)];
}

// procps-ng 4.0.2's count_users (library/uptime.c), through glibc, on `path`.
int glibc_count_users(const std::string& path) {
  REQUIRE(::utmpname(path.c_str()) == 0);
  int users = 0;
  ::setutent();
  while (const struct utmp* ut = ::getutent())
    if (ut->ut_type == USER_PROCESS && ut->ut_user[0] != '\0') ++users;
  ::endutent();
  ::utmpname(_PATH_UTMP);
  return users;
}

}  // namespace

TEST_CASE("the table describes every figure, in order", "[figures]") {
  for (std::size_t i = 0; i < kSystemFigureCount; ++i) {
    const auto& info = system_figure_info(static_cast<F>(i));
    CHECK(static_cast<std::size_t>(info.figure) == i);
    CHECK_FALSE(info.name.empty());
    CHECK(system_group_name(info.group) != "?");
  }
  CHECK(system_group_name(SystemGroup::Meminfo) == "meminfo");
}

TEST_CASE("only the groups of the asked figures are read", "[figures][reader]") {
  ScratchRoot root;
  SystemFigureReader reader(root.path.string(), data("utmp/mixed"));
  SystemSnapshot s = reader.read(SystemFigureSet{F::Load1});
  CHECK(s.value(F::Load1) == 1314);
  CHECK(s.has(F::Load15));  // read with it, from the same file
  CHECK_FALSE(s.has(F::CpuUser));
  CHECK_FALSE(s.has(F::MemTotal));
  CHECK_FALSE(s.has(F::Users));
  CHECK(reads_of(reader.reads(), SystemGroup::Loadavg) == 1);
  for (SystemGroup g :
       {SystemGroup::Stat, SystemGroup::Meminfo, SystemGroup::Uptime, SystemGroup::Users})
    CHECK(reads_of(reader.reads(), g) == 0);
  CHECK(descriptors_of(root.path / "stat") == 0);

  // Boot time costs /proc/stat, but no per-CPU lines.
  s = reader.read(SystemFigureSet{F::BootTime, F::Users, F::MemAvailable});
  CHECK(s.value(F::BootTime) == 1796638410);
  CHECK(s.cpus.empty());
  CHECK(s.value(F::Users) == 3);
  CHECK(s.value(F::MemAvailable) == 20842256);
  CHECK_FALSE(s.has(F::Load1));
  CHECK(reads_of(reader.reads(), SystemGroup::Stat) == 1);
  CHECK(reads_of(reader.reads(), SystemGroup::Users) == 1);
  CHECK(reads_of(reader.reads(), SystemGroup::Loadavg) == 1);

  s = reader.read(SystemFigureSet{F::CpuIdle});
  CHECK(s.cpus.size() == 2);
  CHECK_FALSE(s.has(F::Users));
  CHECK(reads_of(reader.reads(), SystemGroup::Stat) == 2);
}

TEST_CASE("kept files are read again at offset 0 and see what changed", "[figures][reader]") {
  ScratchRoot root;
  SystemFigureReader reader(root.path.string());
  const SystemFigureSet asked{F::CpuUser, F::UptimeCentis};
  SystemSnapshot s;
  reader.read(asked, s);
  CHECK(s.value(F::CpuUser) == 173297);
  CHECK(descriptors_of(root.path / "stat") == 1);
  CHECK(descriptors_of(root.path / "uptime") == 1);

  rewrite(root.path / "stat", "cpu  500 1 2 3 4 5 6 7 8 9\ncpu0 250 1 2 3\ncpu3 250 1 2 3\n");
  rewrite(root.path / "uptime", "1200.00 120.00\n");
  reader.read(asked, s);
  CHECK(s.value(F::CpuUser) == 500);
  CHECK(s.value(F::UptimeCentis) == 120000);
  REQUIRE(s.cpus.size() == 2);
  CHECK(s.cpus[1].cpu == 3);
  CHECK(s.cpus[1].columns == 4);
  CHECK_FALSE(s.has(F::BootTime));  // the new text has no btime: nothing stays from before
  CHECK(descriptors_of(root.path / "stat") == 1);  // the same descriptor, not another

  // Longer than the reader's first buffer: read on past it with pread.
  std::string big = "cpu  1 2 3 4 5 6 7 8 9 10\n";
  for (int cpu = 0; cpu < 2048; ++cpu)
    big += "cpu" + std::to_string(cpu) + " 1 2 3 4 5 6 7 8 9 10\n";
  big += "btime 77\n";
  REQUIRE(big.size() > 32 * 1024);
  rewrite(root.path / "stat", big);
  reader.read(asked, s);
  CHECK(s.cpus.size() == 2048);
  CHECK(s.value(F::BootTime) == 77);
}

TEST_CASE("a missing file leaves its figures absent until it appears", "[figures][reader]") {
  ScratchRoot root;
  fs::remove(root.path / "meminfo");
  SystemFigureReader reader(root.path.string());
  SystemSnapshot s = reader.read(SystemFigureSet{F::MemTotal, F::Load1});
  CHECK_FALSE(s.has(F::MemTotal));
  CHECK(s.has(F::Load1));
  CHECK(reads_of(reader.reads(), SystemGroup::Meminfo) == 0);
  fs::copy_file(data("captured/meminfo"), root.path / "meminfo");
  s = reader.read(SystemFigureSet{F::MemTotal, F::Load1});
  CHECK(s.value(F::MemTotal) == 24683748);

  SystemFigureReader nowhere("/nonexistent/proc", "/nonexistent/utmp");
  s = nowhere.read(SystemFigureSet{F::MemTotal, F::Users});
  CHECK_FALSE(s.has(F::MemTotal));
  // No utmp is no user, as procps (and top's "0 user") has it.
  CHECK(s.has(F::Users));
  CHECK(s.value(F::Users) == 0);
}

TEST_CASE("utmp users: the same count as procps' getutent loop", "[figures][utmp]") {
  for (const char* file : {"utmp/mixed", "utmp/truncated", "utmp/empty"}) {
    INFO(file);
    SystemFigureReader reader("/proc", data(file));
    const SystemSnapshot s = reader.read(SystemFigureSet{F::Users});
    CHECK(s.value(F::Users) == static_cast<std::uint64_t>(glibc_count_users(data(file))));
  }
  CHECK(glibc_count_users(data("utmp/mixed")) == 3);
}

TEST_CASE("the live machine's figures", "[figures][reader][live]") {
  SystemFigureReader reader;
  SystemFigureSet all;
  for (std::size_t i = 0; i < kSystemFigureCount; ++i)
    all.add(static_cast<F>(i));
  const SystemSnapshot first = reader.read(all);
  for (F f : {F::CpuUser, F::CpuGuestNice, F::BootTime, F::ContextSwitches, F::Forks,
              F::ProcsRunning, F::ProcsBlocked, F::MemTotal, F::MemAvailable, F::SwapFree, F::Load1,
              F::Load15, F::UptimeCentis, F::IdleCentis, F::Users}) {
    INFO(system_figure_info(f).name);
    CHECK(first.has(f));
  }
  CHECK(first.value(F::MemTotal) > 0);
  CHECK(first.value(F::ProcsRunning) >= 1);  // this test
  CHECK(first.cpus.size() == static_cast<std::size_t>(::sysconf(_SC_NPROCESSORS_ONLN)));
  ::usleep(30 * 1000);
  const SystemSnapshot second = reader.read(all);
  CHECK(second.value(F::UptimeCentis) > first.value(F::UptimeCentis));
  CHECK(second.value(F::ContextSwitches) > first.value(F::ContextSwitches));
  CHECK(descriptors_of("/proc/stat") == 1);
}
