// The rows of one task table by task identity, for the refresh engine to find each task of a
// new scan among the last one's. Open addressing over one array that keeps its memory from
// one refresh to the next, so a steady refresh allocates nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "procscan/task_table.h"

namespace procscan::util {

// What makes a row the same task across refreshes: its tid and start time (a reused pid
// starts later), and its kind, since a process row sums its threads while a thread row is
// one thread.
struct TaskIdentity {
  std::uint64_t tid = 0;
  std::uint64_t start_time = 0;
  RowKind kind = RowKind::Process;
  bool operator==(const TaskIdentity&) const = default;
};

// The identity of a row; a missing tid or start time reads as all ones (such rows are then
// told apart by what they have).
TaskIdentity identity_of(const TaskRef& row);

class TaskIdentityIndex {
 public:
  static constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);

  // Indexes every row of `table`, forgetting what was indexed before. When two rows share
  // an identity, the first is found.
  void rebuild(const TaskTable& table);
  // The row of `table` (as last rebuilt) with this identity, or kNotFound.
  std::size_t find(const TaskIdentity& identity) const;
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    TaskIdentity identity;
    std::size_t row = kNotFound;  // kNotFound: empty
  };
  std::size_t home(const TaskIdentity& identity) const;
  std::vector<Slot> slots_;  // a power of two, at most half full
  std::size_t size_ = 0;
};

}  // namespace procscan::util
