// Machine-wide figures a refreshing tool shows beside its tasks (top's summary area): CPU
// ticks from /proc/stat, memory from /proc/meminfo, load averages, uptime and the number of
// logged-in users. Like task fields, each figure belongs to a group (one file, or utmp), and
// only the groups of the asked figures are read.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace procscan {

enum class SystemGroup : std::uint8_t {
  Stat,     // /proc/stat: the "cpu" lines, btime, procs_running/blocked, ctxt, processes
  Meminfo,  // /proc/meminfo
  Loadavg,  // /proc/loadavg
  Uptime,   // /proc/uptime
  Users,    // utmp (USER_PROCESS entries with a name), as procps counts them
  Count
};

enum class SystemFigure : std::uint16_t {
  // /proc/stat, first "cpu" line, in clock ticks; per CPU in SystemSnapshot::cpus.
  CpuUser,
  CpuNice,
  CpuSystem,
  CpuIdle,
  CpuIowait,
  CpuIrq,
  CpuSoftirq,
  CpuSteal,
  CpuGuest,
  CpuGuestNice,
  BootTime,         // btime, seconds since the epoch
  ContextSwitches,  // ctxt
  Forks,            // processes
  ProcsRunning,     // procs_running
  ProcsBlocked,     // procs_blocked
  // /proc/meminfo, KiB.
  MemTotal,
  MemFree,
  MemAvailable,
  Buffers,
  Cached,
  SwapCached,
  Shmem,
  SReclaimable,
  SwapTotal,
  SwapFree,
  // /proc/loadavg, hundredths (the file's two decimals, exactly).
  Load1,
  Load5,
  Load15,
  // /proc/uptime, hundredths of a second (the file's two decimals, exactly).
  UptimeCentis,
  IdleCentis,
  Users,  // logged-in users
  Count
};

inline constexpr std::size_t kSystemFigureCount = static_cast<std::size_t>(SystemFigure::Count);

// The figures a tool asks for; the groups they cost are what is read.
class SystemFigureSet {
 public:
  constexpr SystemFigureSet() = default;
  constexpr SystemFigureSet(std::initializer_list<SystemFigure> figures) {
    for (SystemFigure f : figures)
      add(f);
  }
  constexpr void add(SystemFigure f) { bits_ |= bit(f); }
  constexpr bool contains(SystemFigure f) const { return (bits_ & bit(f)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }

 private:
  static constexpr std::uint64_t bit(SystemFigure f) {
    return std::uint64_t{1} << static_cast<unsigned>(f);
  }
  std::uint64_t bits_ = 0;
};
static_assert(kSystemFigureCount <= 64, "SystemFigureSet packs figures into 64 bits");

// Ticks of one "cpuN" line (or the "cpu" total), in SystemFigure::CpuUser..CpuGuestNice order.
struct CpuTicks {
  int cpu = -1;  // N of "cpuN"; -1 for the total line
  std::array<std::uint64_t, 10> ticks{};
  // How many of `ticks` the line gave: older kernels print fewer columns (2.6.11 added
  // steal, 2.6.24 guest, 2.6.33 guest_nice), and a malformed value ends the line there.
  // The rest read 0.
  std::uint8_t columns = 0;
};

// One reading of the asked figures, taken together.
struct SystemSnapshot {
  std::array<std::uint64_t, kSystemFigureCount> values{};
  std::array<bool, kSystemFigureCount> present{};  // read, and the kernel has it
  // Per CPU, when any Cpu* figure is asked: the "cpuN" lines in the kernel's order. An
  // offline CPU has no line, so cpus[i].cpu need not be i.
  std::vector<CpuTicks> cpus;
  std::uint64_t value(SystemFigure f) const { return values[static_cast<std::size_t>(f)]; }
  bool has(SystemFigure f) const { return present[static_cast<std::size_t>(f)]; }
};

struct SystemFigureInfo {
  SystemFigure figure;
  std::string_view name;  // stable public name: JSON keys, --debug
  SystemGroup group;
  std::string_view doc;  // unit and source
};

// One row per SystemFigure, in enum order (checked when compiling).
const SystemFigureInfo& system_figure_info(SystemFigure f);
// "stat", "meminfo", "loadavg", "uptime", "users": for --debug beside reads().
std::string_view system_group_name(SystemGroup g);

// Reads the asked figures from a proc root (a captured tree in tests) and a utmp file.
// The proc files stay open between reads and are read again with pread at offset 0, which
// makes the kernel write them afresh; a file that cannot be opened or read leaves its
// figures absent, and is opened again at the next read. (A captured tree must therefore be
// rewritten in place, not replaced, for a kept file to see the change.)
class SystemFigureReader {
 public:
  // `utmp_path` "" reads glibc's default, /var/run/utmp, as procps' getutent() does.
  explicit SystemFigureReader(std::string proc_root = "/proc", std::string utmp_path = "");
  ~SystemFigureReader();
  SystemFigureReader(const SystemFigureReader&) = delete;
  SystemFigureReader& operator=(const SystemFigureReader&) = delete;

  // Reads only the groups of `figures`, keeping their files open between calls (pread at 0).
  SystemSnapshot read(const SystemFigureSet& figures);
  // The same into `out`, whose per-CPU vector keeps its memory from one reading to the next.
  void read(const SystemFigureSet& figures, SystemSnapshot& out);
  // Reads of each group so far, as ScanStats::reads counts task files.
  const std::array<std::size_t, static_cast<std::size_t>(SystemGroup::Count)>& reads() const {
    return reads_;
  }

 private:
  struct Files;
  std::string proc_root_;
  std::string utmp_path_;
  std::array<std::size_t, static_cast<std::size_t>(SystemGroup::Count)> reads_{};
  std::unique_ptr<Files> files_;
};

}  // namespace procscan
