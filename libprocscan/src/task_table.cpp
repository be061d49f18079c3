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
    words += type_of(f) == ValueType::String ? 2 : 1;
  });
  availability_words_ = (words + 63) / 64;
  stride_ = 1 + availability_words_ + words;
}

void TaskTable::clear() {
  words_.clear();
  arena_.clear();
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

void TaskTable::mark_present(std::uint64_t* record, int slot) {
  record[1 + slot / 64] |= std::uint64_t{1} << (slot % 64);
}

void TaskTable::set_u64(Field f, std::uint64_t value) {
  assert(type_of(f) != ValueType::String);
  const int slot = layout_.slot(f);
  if (slot < 0 || !row_open_) return;
  std::uint64_t* record = open_record();
  record[1 + layout_.availability_words() + slot] = value;
  mark_present(record, slot);
}

void TaskTable::set_str(Field f, std::string_view value) {
  assert(type_of(f) == ValueType::String);
  const int slot = layout_.slot(f);
  if (slot < 0 || !row_open_) return;
  const std::size_t offset = arena_.size();
  arena_.insert(arena_.end(), value.begin(), value.end());
  std::uint64_t* record = open_record();
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
  arena_.resize(open_arena_mark_);
  row_open_ = false;
}

void TaskTable::append(const TaskTable& other) {
  assert(other.layout_.fields() == layout_.fields());
  const std::size_t base = arena_.size();
  const std::size_t first_word = words_.size();
  words_.insert(words_.end(), other.words_.begin(),
                other.words_.begin() + other.rows_ * layout_.stride());
  arena_.insert(arena_.end(), other.arena_.begin(), other.arena_.end());
  // String offsets point into the other arena: shift them into ours.
  const std::size_t data = 1 + layout_.availability_words();
  layout_.fields().for_each([&](Field f) {
    if (type_of(f) != ValueType::String) return;
    const int slot = layout_.slot(f);
    for (std::size_t r = 0; r < other.rows_; ++r)
      words_[first_word + r * layout_.stride() + data + slot] += base;
  });
  rows_ += other.rows_;
}

const std::uint64_t* TaskRef::record() const {
  return table_->words_.data() + row_ * table_->layout_.stride();
}

RowKind TaskRef::kind() const {
  return static_cast<RowKind>(record()[0]);
}

bool TaskRef::has(Field f) const {
  const int slot = table_->layout_.slot(f);
  if (slot < 0) return false;
  return (record()[1 + slot / 64] >> (slot % 64)) & 1;
}

std::uint64_t TaskRef::u64(Field f, std::uint64_t fallback) const {
  if (!has(f)) return fallback;
  return record()[1 + table_->layout_.availability_words() + table_->layout_.slot(f)];
}

std::int64_t TaskRef::i64(Field f, std::int64_t fallback) const {
  if (!has(f)) return fallback;
  return static_cast<std::int64_t>(u64(f));
}

std::string_view TaskRef::str(Field f) const {
  if (!has(f)) return {};
  const std::uint64_t* value =
      record() + 1 + table_->layout_.availability_words() + table_->layout_.slot(f);
  return {table_->arena_.data() + value[0], static_cast<std::size_t>(value[1])};
}

}  // namespace procscan
