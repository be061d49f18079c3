// /proc/PID/io: one "key: value" per line, seven lines.
#include <array>
#include <cstdint>
#include <string_view>

#include "procfs/parse_numbers.h"
#include "procfs/parsers.h"

namespace procscan::procfs {
namespace {

constexpr std::array<KeyField, 7> kKeys{{
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
  const unsigned seen = for_each_first_key(text, kKeys, [&](Field field, std::string_view value) {
    if (out.wants(field))
      if (auto v = to_u64(value)) out.set_u64(field, *v);
  });
  return seen == (1u << kKeys.size()) - 1;
}

}  // namespace procscan::procfs
