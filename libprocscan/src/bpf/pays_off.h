// Where auto starts to prefer BPF iterators over procfs. For tasks: the task count (the TOTAL of
// /proc/loadavg) from which the fixed cost of loading and verifying the task program
// (50-70 ms) is won back by `tdps ax`, the cheapest whole listing. Measured crossover:
// README.md in this directory.
#pragma once

#include <cstdint>

namespace procscan::bpf {

inline constexpr std::uint64_t kPaysOffTasks = 10000;

// The same for the open-files query (tdlsof): the side programs load as light skeletons in
// ~10 ms, which one dump wins back from about this many open files on the machine (here,
// `tdlsof -n -P`: 328 files, procfs 50 ms and BPF 60 ms; 10,400 files, 200 and 140 ms).
inline constexpr std::uint64_t kPaysOffFiles = 2000;

}  // namespace procscan::bpf
