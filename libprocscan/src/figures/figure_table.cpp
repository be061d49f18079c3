// The system figure table: one row per SystemFigure, and the group names.
#include <array>

#include "procscan/system_figures.h"

namespace procscan {
namespace {

constexpr std::array<SystemFigureInfo, kSystemFigureCount> kFigureTable = [] {
  using enum SystemGroup;
  using F = SystemFigure;
  return std::array<SystemFigureInfo, kSystemFigureCount>{{
      {F::CpuUser, "cpu_user", Stat, "ticks in user mode, all CPUs: /proc/stat cpu 1st"},
      {F::CpuNice, "cpu_nice", Stat, "ticks in user mode at positive nice: /proc/stat cpu 2nd"},
      {F::CpuSystem, "cpu_system", Stat, "ticks in kernel mode: /proc/stat cpu 3rd"},
      {F::CpuIdle, "cpu_idle", Stat, "idle ticks: /proc/stat cpu 4th"},
      {F::CpuIowait, "cpu_iowait", Stat,
       "idle ticks with I/O outstanding: /proc/stat cpu 5th (Linux 2.5.41)"},
      {F::CpuIrq, "cpu_irq", Stat, "ticks serving interrupts: /proc/stat cpu 6th (2.6.0)"},
      {F::CpuSoftirq, "cpu_softirq", Stat, "ticks serving softirqs: /proc/stat cpu 7th (2.6.0)"},
      {F::CpuSteal, "cpu_steal", Stat,
       "ticks the hypervisor gave to others: /proc/stat cpu 8th (2.6.11)"},
      {F::CpuGuest, "cpu_guest", Stat,
       "ticks running guests, also counted in user: /proc/stat cpu 9th (2.6.24)"},
      {F::CpuGuestNice, "cpu_guest_nice", Stat,
       "ticks running niced guests, also counted in nice: /proc/stat cpu 10th (2.6.33)"},
      {F::BootTime, "boot_time", Stat, "boot time, seconds since the epoch: /proc/stat btime"},
      {F::ContextSwitches, "context_switches", Stat,
       "context switches since boot: /proc/stat ctxt"},
      {F::Forks, "forks", Stat, "tasks created since boot: /proc/stat processes"},
      {F::ProcsRunning, "procs_running", Stat, "runnable tasks: /proc/stat procs_running"},
      {F::ProcsBlocked, "procs_blocked", Stat, "tasks blocked on I/O: /proc/stat procs_blocked"},
      {F::MemTotal, "mem_total", Meminfo, "usable RAM, KiB: /proc/meminfo MemTotal"},
      {F::MemFree, "mem_free", Meminfo, "unused RAM, KiB: /proc/meminfo MemFree"},
      {F::MemAvailable, "mem_available", Meminfo,
       "RAM available without swapping, KiB: /proc/meminfo MemAvailable (Linux 3.14)"},
      {F::Buffers, "buffers", Meminfo, "block device buffers, KiB: /proc/meminfo Buffers"},
      {F::Cached, "cached", Meminfo, "page cache, KiB: /proc/meminfo Cached"},
      {F::SwapCached, "swap_cached", Meminfo,
       "swapped memory also in RAM, KiB: /proc/meminfo SwapCached"},
      {F::Shmem, "shmem", Meminfo, "shared memory and tmpfs, KiB: /proc/meminfo Shmem"},
      {F::SReclaimable, "sreclaimable", Meminfo,
       "reclaimable slab, KiB: /proc/meminfo SReclaimable"},
      {F::SwapTotal, "swap_total", Meminfo, "swap space, KiB: /proc/meminfo SwapTotal"},
      {F::SwapFree, "swap_free", Meminfo, "unused swap, KiB: /proc/meminfo SwapFree"},
      {F::Load1, "load1", Loadavg, "load average over 1 minute, hundredths: /proc/loadavg 1st"},
      {F::Load5, "load5", Loadavg, "load average over 5 minutes, hundredths: /proc/loadavg 2nd"},
      {F::Load15, "load15", Loadavg, "load average over 15 minutes, hundredths: /proc/loadavg 3rd"},
      {F::UptimeCentis, "uptime", Uptime,
       "time since boot, hundredths of a second: /proc/uptime 1st"},
      {F::IdleCentis, "idle_time", Uptime,
       "idle time summed over CPUs, hundredths of a second: /proc/uptime 2nd"},
      {F::Users, "users", Users,
       "logged-in users: utmp USER_PROCESS records with a name, as procps-ng 4.0.2 counts"},
  }};
}();

constexpr bool figure_table_is_in_enum_order() {
  for (std::size_t i = 0; i < kFigureTable.size(); ++i) {
    if (static_cast<std::size_t>(kFigureTable[i].figure) != i) return false;
    if (kFigureTable[i].name.empty() || kFigureTable[i].doc.empty()) return false;
    if (kFigureTable[i].group >= SystemGroup::Count) return false;
  }
  return true;
}
static_assert(figure_table_is_in_enum_order(),
              "kFigureTable row i must describe SystemFigure i, with a name, a group and a doc");

struct GroupName {
  SystemGroup group;
  std::string_view name;
};
constexpr std::array<GroupName, static_cast<std::size_t>(SystemGroup::Count)> kGroupNames{{
    {SystemGroup::Stat, "stat"},
    {SystemGroup::Meminfo, "meminfo"},
    {SystemGroup::Loadavg, "loadavg"},
    {SystemGroup::Uptime, "uptime"},
    {SystemGroup::Users, "users"},
}};

constexpr bool group_names_are_in_enum_order() {
  for (std::size_t i = 0; i < kGroupNames.size(); ++i)
    if (static_cast<std::size_t>(kGroupNames[i].group) != i || kGroupNames[i].name.empty())
      return false;
  return true;
}
static_assert(group_names_are_in_enum_order(), "kGroupNames row i must name SystemGroup i");

}  // namespace

const SystemFigureInfo& system_figure_info(SystemFigure f) {
  return kFigureTable[static_cast<std::size_t>(f)];
}

std::string_view system_group_name(SystemGroup g) {
  const auto i = static_cast<std::size_t>(g);
  return i < kGroupNames.size() ? kGroupNames[i].name : "?";
}

}  // namespace procscan
