// /proc/PID/statm: "size resident shared text lib data dt", in pages, on one line.
#include <array>
#include <string_view>

#include "procfs/parse_numbers.h"
#include "procfs/parsers.h"

namespace procscan::procfs {
namespace {

// lib (5th) and dt (7th) are always 0 since Linux 2.6 and are not reported.
constexpr std::array<Field, 6> kColumns{
    Field::StatmSize, Field::StatmResident, Field::StatmShared,
    Field::StatmText, Field::Count,         Field::StatmData,
};

}  // namespace

bool parse_statm(std::string_view text, TaskTable& out) {
  std::string_view rest = first_line(text);
  std::size_t columns_seen = 0;
  for (Field field : kColumns) {
    std::string_view token = next_token(rest);
    if (token.empty()) break;
    ++columns_seen;
    if (field == Field::Count || !out.wants(field)) continue;
    if (auto v = to_u64(token)) out.set_u64(field, *v);
  }
  return columns_seen == kColumns.size();
}

}  // namespace procscan::procfs
