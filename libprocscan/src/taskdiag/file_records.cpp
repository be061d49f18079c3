#include "taskdiag/file_records.h"

#include <cstring>

namespace procscan::taskdiag {

std::optional<FileRecord> FileReader::reject(std::string what) {
  error_ = std::move(what) + " at byte " + std::to_string(offset_) + " of the EXT_FILE payload";
  offset_ = payload_.size();
  return std::nullopt;
}

std::optional<FileRecord> FileReader::next() {
  if (offset_ >= payload_.size()) return std::nullopt;
  const std::size_t left = payload_.size() - offset_;
  constexpr std::size_t kHeader = sizeof(task_diag_ext_file);
  if (left < kHeader) return reject("a file record shorter than its header");
  FileRecord record{};
  std::memcpy(&record.header, payload_.data() + offset_, kHeader);
  const task_diag_ext_file& h = record.header;
  if (h.rec_len < kHeader) return reject("rec_len below the header size");
  if (h.rec_len % 4 != 0) return reject("rec_len not a multiple of 4");
  if (h.rec_len > left) return reject("rec_len past the end of the payload");
  if (kHeader + h.name_len > h.rec_len) return reject("name past the end of its record");
  std::string_view name(reinterpret_cast<const char*>(payload_.data() + offset_ + kHeader),
                        h.name_len);
  // name_len counts the NUL; anything after a NUL inside it is not part of the name.
  if (const std::size_t nul = name.find('\0'); nul != std::string_view::npos)
    name = name.substr(0, nul);
  record.name = name;
  const std::size_t tail_at = kHeader + ((h.name_len + 3u) & ~std::size_t{3});
  if (tail_at + sizeof(task_diag_ext_file_stat) <= h.rec_len) {
    task_diag_ext_file_stat tail;
    std::memcpy(&tail, payload_.data() + offset_ + tail_at, sizeof tail);
    record.stat = tail;
  }
  offset_ += h.rec_len;
  return record;
}

std::string check_file_records(std::span<const std::byte> payload) {
  FileReader reader(payload);
  while (reader.next()) {
  }
  return reader.error();
}

}  // namespace procscan::taskdiag
