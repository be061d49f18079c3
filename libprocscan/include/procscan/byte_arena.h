// A growable byte buffer of uninitialised bytes (std::vector<std::byte> zeroes what it
// grows by, and with a custom allocator copies byte by byte) in large-buffer memory
// (procscan/large_buffer.h): a dump of tens of megabytes is faulted in 2 MiB at a time
// where transparent huge pages allow. The dump decoder's arena and a TaskTable's strings.
#pragma once

#include <cstddef>
#include <cstring>
#include <span>
#include <utility>

#include "procscan/large_buffer.h"

namespace procscan::util {

class ByteArena {
 public:
  ByteArena() = default;
  // Copies hold only the bytes in use (a TaskTable, which keeps its strings here, is a value).
  ByteArena(const ByteArena& other) { append({other.data_, other.size_}); }
  ByteArena& operator=(const ByteArena& other) {
    if (this != &other) {
      size_ = 0;
      append({other.data_, other.size_});
    }
    return *this;
  }
  ByteArena(ByteArena&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)) {}
  ByteArena& operator=(ByteArena&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
    return *this;
  }
  ~ByteArena() { release_large(data_, capacity_); }

  std::size_t size() const { return size_; }
  std::byte* data() { return data_; }
  const std::byte* data() const { return data_; }

  void append(std::span<const std::byte> bytes) {
    if (bytes.empty()) return;
    reserve(size_ + bytes.size());
    std::memcpy(data_ + size_, bytes.data(), bytes.size());
    size_ += bytes.size();
  }
  // Room for `wanted` bytes in all, without growing later.
  void reserve(std::size_t wanted) {
    if (wanted <= capacity_) return;
    std::size_t capacity = capacity_ < kFirstCapacity ? kFirstCapacity : capacity_;
    while (capacity < wanted)
      capacity *= 2;
    auto* grown = static_cast<std::byte*>(allocate_large(capacity));
    if (size_ != 0) std::memcpy(grown, data_, size_);
    release_large(data_, capacity_);
    data_ = grown;
    capacity_ = capacity;
  }
  // Grows to `size` bytes; the new ones are left as they are.
  void grow_to(std::size_t size) {
    reserve(size);
    size_ = size;
  }
  // Drops the bytes from `size` on, to be written again; the memory stays.
  void truncate(std::size_t size) {
    if (size < size_) size_ = size;
  }

 private:
  static constexpr std::size_t kFirstCapacity = 64 * 1024;
  std::byte* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace procscan::util
