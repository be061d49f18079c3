// /proc/meminfo: "Key:<blanks>N kB" lines.
#include <array>
#include <string_view>

#include "figures/parsers.h"
#include "procfs/parse_numbers.h"

namespace procscan::figures {
namespace {

struct MeminfoKey {
  std::string_view key;
  SystemFigure figure;
};
constexpr std::array<MeminfoKey, 10> kKeys{{
    {"MemTotal", SystemFigure::MemTotal},
    {"MemFree", SystemFigure::MemFree},
    {"MemAvailable", SystemFigure::MemAvailable},
    {"Buffers", SystemFigure::Buffers},
    {"Cached", SystemFigure::Cached},
    {"SwapCached", SystemFigure::SwapCached},
    {"Shmem", SystemFigure::Shmem},
    {"SReclaimable", SystemFigure::SReclaimable},
    {"SwapTotal", SystemFigure::SwapTotal},
    {"SwapFree", SystemFigure::SwapFree},
}};

}  // namespace

bool parse_meminfo(std::string_view text, SystemSnapshot& out) {
  unsigned seen = 0;  // one bit per kKeys row
  std::string_view line;
  while (procfs::next_line(text, line)) {
    std::string_view key, value;
    if (!procfs::split_key_value(line, key, value)) continue;
    for (std::size_t i = 0; i < kKeys.size(); ++i) {
      if (kKeys[i].key != key) continue;
      if (seen & (1u << i)) break;
      seen |= 1u << i;
      const auto kib = procfs::to_u64(procfs::next_token(value));
      if (kib && procfs::next_token(value) == "kB" && procfs::next_token(value).empty())
        set_figure(out, kKeys[i].figure, *kib);
      break;
    }
  }
  return (seen & 1u) != 0;  // MemTotal
}

}  // namespace procscan::figures
