// libFuzzer target: /proc/locks text (procscan::FileLocks::parse) must never crash or read
// out of bounds, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "procscan/file_locks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto locks =
      procscan::FileLocks::parse(std::string_view(reinterpret_cast<const char*>(data), size));
  for (const auto& lock : locks.locks())
    (void)locks.lock_of(lock.pid, lock.dev, lock.ino);
  return 0;
}
