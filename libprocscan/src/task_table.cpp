#include "procscan/task_table.h"

#include <cassert>
#include <cstring>

namespace procscan {

// Record layout: word 0 holds the RowKind; then availability bits, one per slot index;
// then one word per numeric field and two (arena offset, length) per string field.
RecordLayout::RecordLayout(const FieldSet& fields) : fields_(fields) {
  slot_.fill(-1);
  std::size_t words = 0;
  fields.for_each([&](Field f) {
    slot_[static_cast<std::size_t>(f)] = static_cast<std::int16_t>(words);
    if (type_of(f) == ValueType::String) string_slots_.push_back(static_cast<std::int16_t>(words));
    words += type_of(f) == ValueType::String ? 2 : 1;
  });
  availability_words_ = (words + 63) / 64;
  stride_ = 1 + availability_words_ + words;
}

void TaskTable::clear() {
  words_.clear();
  arena_.truncate(0);
  rows_ = 0;
  row_open_ = false;
}

void TaskTable::reserve(std::size_t rows) {
  words_.reserve(rows * layout_.stride());
}

void TaskTable::begin_row(RowKind kind) {
  assert(!row_open_);
  words_.resize((rows_ + 1) * layout_.stride(), 0);
  open_record()[0] = static_cast<std::uint64_t>(kind);
  open_arena_mark_ = arena_.size();
  row_open_ = true;
}

void TaskTable::set_str(Field f, std::string_view value) {
  assert(type_of(f) == ValueType::String);
  const int slot = layout_.slot(f);
  if (slot < 0 || !row_open_) return;
  std::uint64_t* record = open_record();
  // The rows of one process's threads repeat its command line: share the bytes of the row
  // before when they are the same, rather than copy them (and fault in their pages) again.
  std::size_t offset = arena_.size();
  bool shared = false;
  if (rows_ > 0 && !value.empty()) {
    const std::uint64_t* before = record - layout_.stride();
    const std::uint64_t* earlier = before + 1 + layout_.availability_words() + slot;
    shared = ((before[1 + slot / 64] >> (slot % 64)) & 1) && earlier[1] == value.size() &&
             std::memcmp(chars(earlier[0]), value.data(), value.size()) == 0;
    if (shared) offset = earlier[0];
  }
  if (!shared) arena_.append(std::as_bytes(std::span(value)));
  record[1 + layout_.availability_words() + slot] = offset;
  record[1 + layout_.availability_words() + slot + 1] = value.size();
  mark_present(record, slot);
}

void TaskTable::commit_row() {
  if (!row_open_) return;
  ++rows_;
  row_open_ = false;
}

void TaskTable::discard_row() {
  if (!row_open_) return;
  words_.resize(rows_ * layout_.stride());
  arena_.truncate(open_arena_mark_);
  row_open_ = false;
}

void TaskTable::append_rows(const TaskTable& other, std::size_t first, std::size_t count) {
  assert(other.layout_.fields() == layout_.fields());
  assert(!row_open_ && first + count <= other.rows_);
  if (count == 0) return;
  const std::size_t stride = layout_.stride();
  const std::size_t first_word = words_.size();
  const auto from = other.words_.begin() + static_cast<std::ptrdiff_t>(first * stride);
  words_.insert(words_.end(), from, from + static_cast<std::ptrdiff_t>(count * stride));
  // Strings point into the other arena: copy each and point the record at the copy.
  const std::size_t data = 1 + layout_.availability_words();
  for (const int slot : layout_.string_slots()) {
    for (std::size_t r = 0; r < count; ++r) {
      std::uint64_t* record = words_.data() + first_word + r * stride;
      if (!((record[1 + slot / 64] >> (slot % 64)) & 1)) continue;
      std::uint64_t* value = record + data + slot;
      const std::byte* text = other.arena_.data() + value[0];
      value[0] = arena_.size();
      arena_.append({text, static_cast<std::size_t>(value[1])});
    }
  }
  rows_ += count;
}

}  // namespace procscan
