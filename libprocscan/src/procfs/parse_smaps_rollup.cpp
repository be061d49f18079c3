// /proc/PID/smaps_rollup: the sums of /proc/PID/smaps over all mappings.
#include <array>
#include <string_view>

#include "procfs/parse_numbers.h"
#include "procfs/parsers.h"

namespace procscan::procfs {
namespace {

constexpr std::array<KeyField, 8> kKeys{{
    {"Pss", Field::SmapsPss},
    {"Private_Clean", Field::SmapsPrivateClean},
    {"Private_Dirty", Field::SmapsPrivateDirty},
    {"SwapPss", Field::SmapsSwapPss},
    {"Rss", Field::SmapsRss},
    {"Pss_Anon", Field::SmapsPssAnon},
    {"Pss_File", Field::SmapsPssFile},
    {"Pss_Shmem", Field::SmapsPssShmem},
}};

}  // namespace

bool parse_smaps_rollup(std::string_view text, TaskTable& out) {
  const unsigned seen = for_each_first_key(text, kKeys, [&](Field field, std::string_view value) {
    const auto kib = to_u64(next_token(value));
    if (kib && next_token(value) == "kB" && next_token(value).empty()) out.set_u64(field, *kib);
  });
  return (seen & 1u) != 0;  // Pss
}

}  // namespace procscan::procfs
