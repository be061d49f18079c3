// Sort keys (--sort, k, O): ps sorts on the libproc2 item behind each specifier, not on
// the printed text: numbers as numbers, names and command lines with strcoll(3).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "print_context.h"
#include "procscan/field_set.h"
#include "procscan/task_table.h"

namespace td::ps {

struct SortValue {
  enum class Kind : std::uint8_t { Signed, Unsigned, Real, Text };
  Kind kind = Kind::Signed;
  std::int64_t signed_value = 0;
  std::uint64_t unsigned_value = 0;
  double real_value = 0;
  std::string text;
};

using SortKeyFunction = SortValue (*)(const PrintContext&, const procscan::TaskRef&);

struct SortKeySpec {
  std::string_view spec;
  procscan::FieldSet fields;
  std::uint8_t system_needs;  // SystemNeed bits
  SortKeyFunction key;
};

// The key of a specifier; nullptr for specifiers ps accepts but cannot sort on (its
// "noop" item), which leave the order as it is.
const SortKeySpec* find_sort_key(std::string_view spec);

// -1, 0, 1 as libproc2 compares two values of one key.
int compare_sort_values(const SortValue& a, const SortValue& b);

}  // namespace td::ps
