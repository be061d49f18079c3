#include "taskdiag/reconcile.h"

#include <algorithm>

namespace procscan::taskdiag {

std::vector<pid_t> undelivered(std::vector<std::uint32_t> delivered, std::span<const pid_t> listed,
                               const std::vector<pid_t>* only) {
  std::sort(delivered.begin(), delivered.end());
  std::vector<pid_t> missing;
  for (const pid_t pid : listed) {
    if (pid <= 0) continue;
    if (only && !std::binary_search(only->begin(), only->end(), pid)) continue;
    if (!std::binary_search(delivered.begin(), delivered.end(), static_cast<std::uint32_t>(pid)))
      missing.push_back(pid);
  }
  return missing;
}

}  // namespace procscan::taskdiag
