// Where auto starts to prefer BPF iterators over procfs: the task count (the TOTAL of
// /proc/loadavg) from which the fixed cost of loading and verifying the task program
// (50-70 ms) is won back by `tdps ax`, the cheapest whole listing. Measured crossover:
// README.md in this directory.
#pragma once

#include <cstdint>

namespace procscan::bpf {

inline constexpr std::uint64_t kPaysOffTasks = 10000;

}  // namespace procscan::bpf
