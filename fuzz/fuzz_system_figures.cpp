// libFuzzer target: the same bytes go to every system figure parser (/proc/stat with and
// without per-CPU lines, meminfo, loadavg, uptime, a lone centis token, utmp records), then
// every figure is read back and a few invariants are checked.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "figures/parsers.h"

namespace {

using namespace procscan;

// Aborts so that libFuzzer records the input; plain assert() vanishes under NDEBUG.
void require(bool condition) {
  if (!condition) std::abort();
}

std::uint64_t read_back(const SystemSnapshot& s) {
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < kSystemFigureCount; ++i) {
    // An absent figure reads 0.
    if (!s.present[i]) require(s.values[i] == 0);
    sum += s.values[i];
  }
  for (const CpuTicks& cpu : s.cpus) {
    require(cpu.cpu >= 0 && cpu.columns <= cpu.ticks.size());
    for (std::size_t i = cpu.columns; i < cpu.ticks.size(); ++i)
      require(cpu.ticks[i] == 0);
    sum += cpu.ticks[0];
  }
  return sum;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  static SystemSnapshot snapshot;  // the per-CPU vector keeps its memory, as in the reader
  static volatile std::uint64_t sink;

  for (const bool per_cpu : {false, true}) {
    snapshot = SystemSnapshot{};
    figures::parse_proc_stat(input, per_cpu, snapshot);
    if (!per_cpu) require(snapshot.cpus.empty());
    // Each per-CPU line is a line of the input.
    require(snapshot.cpus.size() <= input.size() / 5 + 1);
    sink = sink + read_back(snapshot);
  }
  for (auto parse : {figures::parse_meminfo, figures::parse_loadavg, figures::parse_uptime}) {
    snapshot = SystemSnapshot{};
    parse(input, snapshot);
    require(snapshot.cpus.empty());
    sink = sink + read_back(snapshot);
  }
  if (const auto centis = figures::parse_centis(input)) {
    require(input.size() >= 4 && input[input.size() - 3] == '.');
    sink = sink + *centis;
  }
  require(figures::count_utmp_users(input) <= input.size() / 384 + 1);
  return 0;
}
