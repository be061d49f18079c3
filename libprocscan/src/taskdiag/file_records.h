// The packed open-file records of an EXT_FILE payload (task_diag_abi.h): a 48-byte header
// followed by a NUL-terminated name and, from our program, a stat tail; each record rec_len
// bytes long.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "taskdiag/task_diag_abi.h"

namespace procscan::taskdiag {

struct FileRecord {
  task_diag_ext_file header;  // copied out: the payload is only 4-aligned
  std::string_view name;      // without the NUL; empty when d_path failed
  // The tail after the name padded to 4 bytes, where rec_len leaves room for it; records of
  // older programs have none (and no f_mode in the header).
  std::optional<task_diag_ext_file_stat> stat;
};

// Walks the records of one payload. A record is rejected when rec_len is below the header
// size, not a multiple of 4 or past the payload, or when its name runs past rec_len.
class FileReader {
 public:
  explicit FileReader(std::span<const std::byte> payload) : payload_(payload) {}

  // The next record, or nullopt at the end or on a bad record (error() tells them apart).
  std::optional<FileRecord> next();
  const std::string& error() const { return error_; }

 private:
  std::optional<FileRecord> reject(std::string what);

  std::span<const std::byte> payload_;
  std::size_t offset_ = 0;
  std::string error_;
};

// Checks every record of a payload; the error text, or an empty string when sound.
std::string check_file_records(std::span<const std::byte> payload);

}  // namespace procscan::taskdiag
