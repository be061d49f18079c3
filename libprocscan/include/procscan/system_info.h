// System-wide facts a tool needs once per run, each read on first use and cached.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace procscan {

class SystemInfo {
 public:
  explicit SystemInfo(std::string proc_root = "/proc");

  // /proc/sys/kernel/pid_max (32768 when unreadable).
  std::uint64_t pid_max();
  // btime from /proc/stat: boot time in seconds since the epoch.
  std::uint64_t boot_time();
  // MemTotal from /proc/meminfo, in KiB.
  std::uint64_t mem_total_kib();
  // First number of /proc/uptime, in seconds, read once per SystemInfo.
  double uptime_seconds();
  // sysconf(_SC_CLK_TCK) and sysconf(_SC_PAGESIZE).
  static long clock_ticks();
  static long page_size();
  // tty_nr of the calling process (0 when it has no controlling terminal).
  std::uint64_t own_tty();
  // NUMA node of each configured CPU, as libnuma's numa_node_of_cpu() answers it; -1 for
  // every CPU when libnuma (libnuma.so, then libnuma.so.1) cannot be opened. procps-ng
  // opens libnuma the same way at run time, so both print the same numbers on any machine.
  const std::vector<int>& numa_node_of_cpus();

 private:
  std::string root_;
  std::optional<std::uint64_t> pid_max_, boot_time_, mem_total_, own_tty_;
  std::optional<double> uptime_;
  std::optional<std::vector<int>> numa_nodes_;
};

}  // namespace procscan
