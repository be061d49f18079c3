// /proc/PID/smaps_rollup: the sums of /proc/PID/smaps over all mappings.
#include <array>
#include <string_view>

#include "procfs/parse_numbers.h"
#include "procfs/parsers.h"

namespace procscan::procfs {
namespace {

struct SmapsKey {
  std::string_view key;
  Field field;
};

constexpr std::array<SmapsKey, 4> kKeys{{
    {"Pss", Field::SmapsPss},
    {"Private_Clean", Field::SmapsPrivateClean},
    {"Private_Dirty", Field::SmapsPrivateDirty},
    {"SwapPss", Field::SmapsSwapPss},
}};

}  // namespace

bool parse_smaps_rollup(std::string_view text, TaskTable& out) {
  unsigned seen = 0;  // one bit per key; a key seen twice keeps its first value
  std::string_view line;
  while (next_line(text, line)) {
    std::string_view key, value;
    if (!split_key_value(line, key, value)) continue;
    for (std::size_t i = 0; i < kKeys.size(); ++i) {
      if (kKeys[i].key != key) continue;
      if (!(seen & (1u << i))) {
        seen |= 1u << i;
        std::string_view rest = value;
        const auto kib = to_u64(next_token(rest));
        if (kib && next_token(rest) == "kB" && next_token(rest).empty())
          out.set_u64(kKeys[i].field, *kib);
      }
      break;
    }
  }
  return (seen & 1u) != 0;
}

}  // namespace procscan::procfs
