// /proc/stat: the CPU tick lines and the one-number lines the figures name.
#include <array>
#include <climits>
#include <string_view>

#include "figures/parsers.h"
#include "procfs/parse_numbers.h"

namespace procscan::figures {
namespace {

using procfs::next_line;
using procfs::next_token;
using procfs::to_u64;

constexpr std::size_t kCpuColumns = 10;
static_assert(static_cast<std::size_t>(SystemFigure::CpuGuestNice) -
                      static_cast<std::size_t>(SystemFigure::CpuUser) + 1 ==
                  kCpuColumns,
              "the Cpu* figures are the columns of a cpu line, in order");

// Lines of one number after their key.
struct NumberLine {
  std::string_view key;
  SystemFigure figure;
};
constexpr std::array<NumberLine, 5> kNumberLines{{
    {"ctxt", SystemFigure::ContextSwitches},
    {"btime", SystemFigure::BootTime},
    {"processes", SystemFigure::Forks},
    {"procs_running", SystemFigure::ProcsRunning},
    {"procs_blocked", SystemFigure::ProcsBlocked},
}};

// The tick columns after a cpu line's key, up to the first that is missing or malformed.
CpuTicks read_ticks(std::string_view rest) {
  CpuTicks cpu;
  for (std::size_t i = 0; i < kCpuColumns; ++i) {
    const auto value = to_u64(next_token(rest));
    if (!value) break;
    cpu.ticks[i] = *value;
    cpu.columns = static_cast<std::uint8_t>(i + 1);
  }
  return cpu;
}

// N of "cpuN", or nullopt when the key is not one.
std::optional<int> cpu_number(std::string_view key) {
  if (key.size() <= 3 || key.substr(0, 3) != "cpu") return std::nullopt;
  const auto n = to_u64(key.substr(3));
  if (!n || *n > static_cast<std::uint64_t>(INT_MAX)) return std::nullopt;
  return static_cast<int>(*n);
}

}  // namespace

bool parse_proc_stat(std::string_view text, bool per_cpu, SystemSnapshot& out) {
  if (per_cpu) out.cpus.clear();
  bool total_seen = false;
  unsigned numbers_seen = 0;  // one bit per kNumberLines row
  std::string_view line;
  while (next_line(text, line)) {
    std::string_view rest = line;
    const std::string_view key = next_token(rest);
    if (key == "cpu") {
      if (total_seen) continue;
      const CpuTicks total = read_ticks(rest);
      if (total.columns == 0) continue;
      total_seen = true;
      for (std::size_t i = 0; i < total.columns; ++i)
        set_figure(out,
                   static_cast<SystemFigure>(static_cast<std::size_t>(SystemFigure::CpuUser) + i),
                   total.ticks[i]);
      continue;
    }
    if (const auto n = cpu_number(key)) {
      if (!per_cpu) continue;
      CpuTicks cpu = read_ticks(rest);
      cpu.cpu = *n;
      out.cpus.push_back(cpu);
      continue;
    }
    for (std::size_t i = 0; i < kNumberLines.size(); ++i) {
      if (kNumberLines[i].key != key) continue;
      if (numbers_seen & (1u << i)) break;
      numbers_seen |= 1u << i;
      const auto value = to_u64(next_token(rest));
      if (value && next_token(rest).empty()) set_figure(out, kNumberLines[i].figure, *value);
      break;
    }
  }
  return total_seen;
}

}  // namespace procscan::figures
