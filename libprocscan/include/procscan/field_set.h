// A set of fields, and the set of groups those fields cost.
#pragma once

#include <cstdint>
#include <initializer_list>

#include "procscan/field.h"

namespace procscan {

class FieldSet {
 public:
  constexpr FieldSet() = default;
  constexpr FieldSet(std::initializer_list<Field> fields) {
    for (Field f : fields)
      add(f);
  }

  constexpr void add(Field f) { words_[index(f) / 64] |= bit(f); }
  constexpr void remove(Field f) { words_[index(f) / 64] &= ~bit(f); }
  constexpr bool contains(Field f) const { return (words_[index(f) / 64] & bit(f)) != 0; }
  constexpr void add(const FieldSet& other) {
    for (std::size_t i = 0; i < kWords; ++i)
      words_[i] |= other.words_[i];
  }
  constexpr FieldSet minus(const FieldSet& other) const {
    FieldSet out;
    for (std::size_t i = 0; i < kWords; ++i)
      out.words_[i] = words_[i] & ~other.words_[i];
    return out;
  }
  constexpr bool empty() const {
    for (auto w : words_)
      if (w) return false;
    return true;
  }
  constexpr bool operator==(const FieldSet&) const = default;

  template <typename Visit>
  constexpr void for_each(Visit&& visit) const {
    for (std::size_t i = 0; i < kFieldCount; ++i)
      if (words_[i / 64] & (std::uint64_t{1} << (i % 64))) visit(static_cast<Field>(i));
  }
  constexpr std::size_t size() const {
    std::size_t n = 0;
    for_each([&](Field) { ++n; });
    return n;
  }
  // The groups (units of cost) these fields need.
  constexpr std::uint32_t groups() const {
    std::uint32_t g = 0;
    for_each([&](Field f) { g |= group_bit(group_of(f)); });
    return g;
  }
  constexpr bool needs(Group g) const { return (groups() & group_bit(g)) != 0; }

  static constexpr std::uint32_t group_bit(Group g) {
    return std::uint32_t{1} << static_cast<unsigned>(g);
  }

 private:
  static constexpr std::size_t kWords = (kFieldCount + 63) / 64;
  static constexpr std::size_t index(Field f) { return static_cast<std::size_t>(f); }
  static constexpr std::uint64_t bit(Field f) { return std::uint64_t{1} << (index(f) % 64); }
  std::uint64_t words_[kWords]{};
};

static_assert(kGroupCount <= 32, "FieldSet::groups() packs groups into 32 bits");

}  // namespace procscan
