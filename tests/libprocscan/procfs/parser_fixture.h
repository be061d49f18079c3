// Shared by the procfs parser tests: captured files and a one-row table to parse into.
#pragma once

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "procscan/field_set.h"
#include "procscan/task_table.h"

namespace procscan::procfs::test {

inline FieldSet all_fields() {
  FieldSet fields;
  for (const auto& row : kFieldTable)
    fields.add(row.field);
  return fields;
}

// Bytes of a file under tests/data/procfs, NULs and all.
inline std::string fixture(std::string_view relative) {
  const std::string path = std::string(TESTS_DATA_DIR) + "/procfs/" + std::string(relative);
  std::ifstream in(path, std::ios::binary);
  INFO("fixture " << path);
  REQUIRE(in.good());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs one parser on `text` into a fresh one-row table holding `fields`.
struct Parsed {
  explicit Parsed(const FieldSet& fields) : table(fields) {}
  TaskTable table;
  bool ok = false;
  TaskRef row() const { return table[0]; }
};

template <typename Parse>
Parsed parse_into(Parse parse, std::string_view text, const FieldSet& fields = all_fields()) {
  Parsed parsed(fields);
  parsed.table.begin_row(RowKind::Process);
  parsed.ok = parse(text, parsed.table);
  parsed.table.commit_row();
  return parsed;
}

}  // namespace procscan::procfs::test
