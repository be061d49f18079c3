// The kernel's count of tasks (threads) on the whole machine, every pid namespace included:
// one sysinfo() call, 0 when it fails. A size hint, not a listing.
#pragma once

#include <sys/sysinfo.h>

#include <cstddef>

namespace procscan::util {

inline std::size_t tasks_on_machine() {
  struct sysinfo info {};
  return ::sysinfo(&info) == 0 ? info.procs : 0;
}

}  // namespace procscan::util
