// The result of a scan: fixed-size records plus one string arena, no allocation per task.
//
// The record layout follows the query: only the requested fields get a slot, so a table for
// `ps -eo pid,comm` costs a few words per task however many fields libprocscan knows.
#pragma once

#include <array>
#include <cassert>
#include <cstdint>
#include <string_view>
#include <vector>

#include "procscan/byte_arena.h"
#include "procscan/field_set.h"
#include "procscan/large_buffer.h"

namespace procscan {

enum class RowKind : std::uint8_t { Process, Thread };

// Maps each requested field to its slot in a record.
class RecordLayout {
 public:
  explicit RecordLayout(const FieldSet& fields);

  const FieldSet& fields() const { return fields_; }
  // Slot of a field, or -1 when the field was not requested (or is Field::Count).
  int slot(Field f) const {
    const auto i = static_cast<std::size_t>(f);
    return i < kFieldCount ? slot_[i] : -1;
  }
  // Words per record: a header word, the availability bits, then one word per field.
  std::size_t stride() const { return stride_; }
  std::size_t availability_words() const { return availability_words_; }
  // Slots of the string fields, whose values point into a table's arena.
  const std::vector<std::int16_t>& string_slots() const { return string_slots_; }

 private:
  FieldSet fields_;
  std::array<std::int16_t, kFieldCount> slot_{};
  std::vector<std::int16_t> string_slots_;
  std::size_t availability_words_ = 0;
  std::size_t stride_ = 0;
};

class TaskTable;

// A read-only view of one row. Valid while its table is not modified.
class TaskRef {
 public:
  TaskRef(const TaskTable& table, std::size_t row) : table_(&table), row_(row) {}

  RowKind kind() const;
  // True when the field was requested and the backend could read it for this task. A field
  // can be missing because the caller may not read its file (environ, io, exe of other
  // users' processes) or because the kernel does not provide it.
  bool has(Field f) const;
  std::uint64_t u64(Field f, std::uint64_t fallback = 0) const;
  std::int64_t i64(Field f, std::int64_t fallback = 0) const;
  std::string_view str(Field f) const;  // empty when missing
  std::size_t row() const { return row_; }
  // The table the row is in: to copy it (TaskTable::append_rows) while it is streamed.
  const TaskTable& table() const { return *table_; }

 private:
  const std::uint64_t* record() const;
  const TaskTable* table_;
  std::size_t row_;
};

class TaskTable {
 public:
  explicit TaskTable(const FieldSet& fields) : layout_(fields) {}

  const RecordLayout& layout() const { return layout_; }
  std::size_t size() const { return rows_; }
  bool empty() const { return rows_ == 0; }
  TaskRef operator[](std::size_t row) const { return TaskRef(*this, row); }
  void clear();
  void reserve(std::size_t rows);

  // Building a row: begin_row, any number of set_* calls, then commit_row or discard_row.
  // Fields the layout does not hold are ignored, so a parser may set everything it sees.
  void begin_row(RowKind kind);
  void set_u64(Field f, std::uint64_t value) {
    assert(type_of(f) != ValueType::String);
    const int slot = layout_.slot(f);
    if (slot < 0 || !row_open_) return;
    std::uint64_t* record = open_record();
    record[1 + layout_.availability_words() + slot] = value;
    mark_present(record, slot);
  }
  void set_i64(Field f, std::int64_t value) { set_u64(f, static_cast<std::uint64_t>(value)); }
  void set_str(Field f, std::string_view value);
  void commit_row();
  void discard_row();  // the task vanished: forget the row and its strings
  bool wants(Field f) const { return layout_.slot(f) >= 0; }

  // Copies the rows of another table with the same layout to the end of this one.
  void append(const TaskTable& other) { append_rows(other, 0, other.size()); }
  // Copies rows [first, first + count) of another table with the same layout.
  void append_rows(const TaskTable& other, std::size_t first, std::size_t count);

 private:
  friend class TaskRef;
  std::uint64_t* open_record() { return words_.data() + rows_ * layout_.stride(); }
  void mark_present(std::uint64_t* record, int slot) {
    record[1 + slot / 64] |= std::uint64_t{1} << (slot % 64);
  }
  const char* chars(std::uint64_t offset) const {
    return reinterpret_cast<const char*>(arena_.data()) + offset;
  }

  RecordLayout layout_;
  std::vector<std::uint64_t, LargeBufferAllocator<std::uint64_t>> words_;
  // Strings: a vector with a custom allocator copied them in byte by byte.
  util::ByteArena arena_;
  std::size_t rows_ = 0;
  std::size_t open_arena_mark_ = 0;
  bool row_open_ = false;
};

// The accessors are inline: printing asks them for every cell of every row.
inline const std::uint64_t* TaskRef::record() const {
  return table_->words_.data() + row_ * table_->layout_.stride();
}

inline RowKind TaskRef::kind() const {
  return static_cast<RowKind>(record()[0]);
}

inline bool TaskRef::has(Field f) const {
  const int slot = table_->layout_.slot(f);
  if (slot < 0) return false;
  return (record()[1 + slot / 64] >> (slot % 64)) & 1;
}

inline std::uint64_t TaskRef::u64(Field f, std::uint64_t fallback) const {
  if (!has(f)) return fallback;
  return record()[1 + table_->layout_.availability_words() + table_->layout_.slot(f)];
}

inline std::int64_t TaskRef::i64(Field f, std::int64_t fallback) const {
  if (!has(f)) return fallback;
  return static_cast<std::int64_t>(u64(f));
}

inline std::string_view TaskRef::str(Field f) const {
  if (!has(f)) return {};
  const std::uint64_t* value =
      record() + 1 + table_->layout_.availability_words() + table_->layout_.slot(f);
  return {table_->chars(value[0]), static_cast<std::size_t>(value[1])};
}

}  // namespace procscan
