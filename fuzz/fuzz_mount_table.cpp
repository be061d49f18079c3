// libFuzzer target: mounts text (procscan::MountTable::parse) must never crash or read out
// of bounds, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "procscan/mount_table.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto table =
      procscan::MountTable::parse(std::string_view(reinterpret_cast<const char*>(data), size));
  for (const auto& entry : table.entries())
    if (!table.has_mount_point(entry.dir)) __builtin_trap();
  return 0;
}
