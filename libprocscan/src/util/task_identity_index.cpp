#include "util/task_identity_index.h"

#include <algorithm>
#include <bit>

namespace procscan::util {

namespace {
constexpr std::uint64_t kUnknown = ~std::uint64_t{0};

// splitmix64's finaliser: tids are dense and start times close, so their bits need mixing
// before the low ones pick a slot.
constexpr std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}
}  // namespace

TaskIdentity identity_of(const TaskRef& row) {
  return {row.u64(Field::Tid, kUnknown), row.u64(Field::StartTime, kUnknown), row.kind()};
}

std::size_t TaskIdentityIndex::home(const TaskIdentity& identity) const {
  const std::uint64_t h = mix(identity.tid * 0x9e3779b97f4a7c15ULL ^ identity.start_time ^
                              (static_cast<std::uint64_t>(identity.kind) << 63));
  return static_cast<std::size_t>(h) & (slots_.size() - 1);
}

void TaskIdentityIndex::rebuild(const TaskTable& table) {
  const std::size_t wanted = std::bit_ceil(std::max<std::size_t>(16, table.size() * 2));
  // The memory is kept from one refresh to the next; a table far smaller than the slots
  // uses fewer of them, so that clearing costs what the table does.
  if (slots_.size() < wanted || slots_.size() > wanted * 8) slots_.resize(wanted);
  for (Slot& slot : slots_)
    slot.row = kNotFound;
  size_ = 0;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t row = 0; row < table.size(); ++row) {
    const TaskIdentity identity = identity_of(table[row]);
    std::size_t at = home(identity);
    for (;; at = (at + 1) & mask) {
      Slot& slot = slots_[at];
      if (slot.row == kNotFound) {
        slot = {identity, row};
        ++size_;
        break;
      }
      if (slot.identity == identity) break;  // the first row keeps it
    }
  }
}

std::size_t TaskIdentityIndex::find(const TaskIdentity& identity) const {
  if (slots_.empty()) return kNotFound;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = home(identity);; at = (at + 1) & mask) {
    const Slot& slot = slots_[at];
    if (slot.row == kNotFound) return kNotFound;
    if (slot.identity == identity) return slot.row;
  }
}

}  // namespace procscan::util
