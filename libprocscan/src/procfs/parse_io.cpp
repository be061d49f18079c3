// /proc/PID/io: one "key: value" per line, seven lines.
#include <array>
#include <cstdint>
#include <string_view>

#include "procfs/parse_numbers.h"
#include "procfs/parsers.h"

namespace procscan::procfs {
namespace {

struct IoKey {
  std::string_view key;
  Field field;
};

constexpr std::array<IoKey, 7> kKeys{{
    {"rchar", Field::IoRchar},
    {"wchar", Field::IoWchar},
    {"syscr", Field::IoSyscr},
    {"syscw", Field::IoSyscw},
    {"read_bytes", Field::IoReadBytes},
    {"write_bytes", Field::IoWriteBytes},
    {"cancelled_write_bytes", Field::IoCancelledWriteBytes},
}};

}  // namespace

bool parse_io(std::string_view text, TaskTable& out) {
  unsigned seen = 0;  // one bit per key; a key seen twice keeps its first value
  std::string_view line;
  while (next_line(text, line)) {
    std::string_view key, value;
    if (!split_key_value(line, key, value)) continue;
    for (std::size_t i = 0; i < kKeys.size(); ++i) {
      if (kKeys[i].key != key) continue;
      if (!(seen & (1u << i))) {
        seen |= 1u << i;
        if (out.wants(kKeys[i].field))
          if (auto v = to_u64(value)) out.set_u64(kKeys[i].field, *v);
      }
      break;
    }
  }
  return seen == (1u << kKeys.size()) - 1;
}

}  // namespace procscan::procfs
