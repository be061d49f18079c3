#include "taskdiag/vma_records.h"

#include <cstring>

namespace procscan::taskdiag {

std::optional<VmaRecord> VmaReader::reject(std::string what) {
  error_ = std::move(what) + " at byte " + std::to_string(offset_) + " of the VMA payload";
  offset_ = payload_.size();
  return std::nullopt;
}

std::optional<VmaRecord> VmaReader::next() {
  if (offset_ >= payload_.size()) return std::nullopt;
  const std::size_t left = payload_.size() - offset_;
  if (left < sizeof(task_diag_vma)) return reject("a VMA record shorter than its header");
  VmaRecord record{};
  std::memcpy(&record.header, payload_.data() + offset_, sizeof record.header);
  const task_diag_vma& h = record.header;
  if (h.vma_len < sizeof(task_diag_vma)) return reject("vma_len below the header size");
  if (h.vma_len % 4 != 0) return reject("vma_len not a multiple of 4");
  if (h.vma_len > left) return reject("vma_len past the end of the payload");
  const std::byte* base = payload_.data() + offset_;

  if (h.stat_len != 0 || h.stat_off != 0) {
    if (h.stat_len != sizeof(task_diag_vma_stat)) return reject("stat_len neither 0 nor 80");
    if (h.stat_off < sizeof(task_diag_vma) || std::size_t{h.stat_off} + h.stat_len > h.vma_len)
      return reject("stat block outside its record");
    task_diag_vma_stat stat;
    std::memcpy(&stat, base + h.stat_off, sizeof stat);
    record.stat = stat;
  }
  if (h.name_len != 0 || h.name_off != 0) {
    if (h.name_off < sizeof(task_diag_vma) || std::size_t{h.name_off} + h.name_len > h.vma_len)
      return reject("name outside its record");
    std::string_view name(reinterpret_cast<const char*>(base + h.name_off), h.name_len);
    // name_len counts the NUL; anything after a NUL inside it is not part of the name.
    if (const std::size_t nul = name.find('\0'); nul != std::string_view::npos)
      name = name.substr(0, nul);
    record.name = name;
  }
  offset_ += h.vma_len;
  return record;
}

std::string check_vma_records(std::span<const std::byte> payload) {
  VmaReader reader(payload);
  while (reader.next()) {
  }
  return reader.error();
}

}  // namespace procscan::taskdiag
