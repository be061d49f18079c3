// Memory for the buffers that grow to megabytes in one scan: task tables and dump arenas.
// Each fresh page costs a fault on first touch, and on a virtual machine a costly one; from
// kHugeBufferBytes on, an allocation is 2 MiB aligned and asks for transparent huge pages
// (madvise), so that one fault maps 2 MiB. Where THP is off it is plain anonymous memory.
#pragma once

#include <cstddef>

namespace procscan {

inline constexpr std::size_t kHugeBufferBytes = std::size_t{2} << 20;

// Throws std::bad_alloc when out of memory. Release with the same size.
void* allocate_large(std::size_t bytes);
void release_large(void* memory, std::size_t bytes) noexcept;

template <class T>
struct LargeBufferAllocator {
  using value_type = T;
  LargeBufferAllocator() = default;
  template <class U>
  LargeBufferAllocator(const LargeBufferAllocator<U>&) {}
  T* allocate(std::size_t n) { return static_cast<T*>(allocate_large(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { release_large(p, n * sizeof(T)); }
  template <class U>
  bool operator==(const LargeBufferAllocator<U>&) const {
    return true;
  }
};

}  // namespace procscan
