#include "procscan/large_buffer.h"

#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <new>

namespace procscan {
namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t round_up(std::size_t bytes) {
  return (bytes + kHugePage - 1) & ~(kHugePage - 1);
}

}  // namespace

void* allocate_large(std::size_t bytes) {
  if (bytes < kHugeBufferBytes) {
    if (void* memory = std::malloc(bytes == 0 ? 1 : bytes)) return memory;
    throw std::bad_alloc();
  }
  const std::size_t size = round_up(bytes);
  // Map one huge page more than needed and trim to a 2 MiB boundary: THP maps only
  // aligned 2 MiB ranges.
  void* mapped =
      ::mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(mapped);
  const std::uintptr_t aligned = (start + kHugePage - 1) & ~std::uintptr_t{kHugePage - 1};
  if (aligned > start) ::munmap(mapped, aligned - start);
  const std::uintptr_t end = start + size + kHugePage;
  if (end > aligned + size) ::munmap(reinterpret_cast<void*>(aligned + size), end - aligned - size);
  void* memory = reinterpret_cast<void*>(aligned);
  ::madvise(memory, size, MADV_HUGEPAGE);  // a hint: EINVAL without THP is fine
  return memory;
}

void release_large(void* memory, std::size_t bytes) noexcept {
  if (memory == nullptr) return;
  if (bytes < kHugeBufferBytes) {
    std::free(memory);
    return;
  }
  ::munmap(memory, round_up(bytes));
}

}  // namespace procscan
