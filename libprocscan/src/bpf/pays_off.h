// Where auto starts to prefer BPF iterators over procfs: the task count (the TOTAL of
// /proc/loadavg) above which the fixed cost of loading and verifying the task program is
// won back. Measured with bench/bpf_cost (README.md in this directory has the numbers).
#pragma once

#include <cstdint>

namespace procscan::bpf {

inline constexpr std::uint64_t kPaysOffTasks = 20000;

}  // namespace procscan::bpf
