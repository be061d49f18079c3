// The packed VMA records of a TASK_DIAG_VMA payload (reference 3.5.4): a 64-byte header, an
// optional 80-byte stat block and a NUL-terminated name, each record vma_len bytes long.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "taskdiag/task_diag_abi.h"

namespace procscan::taskdiag {

struct VmaRecord {
  task_diag_vma header;                    // copied out: the payload is only 4-aligned
  std::optional<task_diag_vma_stat> stat;  // present when VMA_STAT was asked for
  std::string_view name;                   // without the NUL; empty for anonymous memory
};

// Walks the records of one payload. A record is rejected when vma_len is below the header
// size, not a multiple of 4 or past the payload, when its stat block or name lies outside
// it, or when stat_len is neither 0 nor 80.
class VmaReader {
 public:
  explicit VmaReader(std::span<const std::byte> payload) : payload_(payload) {}

  // The next record, or nullopt at the end or on a bad record (error() tells them apart).
  std::optional<VmaRecord> next();
  // Empty while the records are sound; otherwise what was wrong, with its byte offset.
  const std::string& error() const { return error_; }
  std::size_t offset() const { return offset_; }

 private:
  std::optional<VmaRecord> reject(std::string what);

  std::span<const std::byte> payload_;
  std::size_t offset_ = 0;
  std::string error_;
};

// Checks every record of a payload; the error text, or an empty string when sound.
std::string check_vma_records(std::span<const std::byte> payload);

}  // namespace procscan::taskdiag
