// The identity index behind the refresh engine's matching of rows.
#include <catch2/catch.hpp>

#include "util/task_identity_index.h"

using namespace procscan;
using procscan::util::TaskIdentity;
using procscan::util::TaskIdentityIndex;

namespace {

void add_row(TaskTable& table, RowKind kind, std::uint64_t tid, std::uint64_t start) {
  table.begin_row(kind);
  table.set_u64(Field::Tid, tid);
  table.set_u64(Field::StartTime, start);
  table.commit_row();
}

const FieldSet kFields{Field::Tid, Field::StartTime};

}  // namespace

TEST_CASE("every row is found by its tid, start time and kind", "[identity]") {
  TaskTable table(kFields);
  for (std::uint64_t tid = 1; tid <= 10000; ++tid)
    add_row(table, tid % 3 ? RowKind::Process : RowKind::Thread, tid, 1000 + tid / 7);
  TaskIdentityIndex index;
  index.rebuild(table);
  CHECK(index.size() == 10000);
  for (std::size_t row = 0; row < table.size(); ++row)
    REQUIRE(index.find(util::identity_of(table[row])) == row);
  // Another start time, another kind, an unknown tid: other tasks.
  CHECK(index.find({5, 999, RowKind::Process}) == TaskIdentityIndex::kNotFound);
  CHECK(index.find({5, 1000 + 5 / 7, RowKind::Thread}) == TaskIdentityIndex::kNotFound);
  CHECK(index.find({10001, 1000, RowKind::Process}) == TaskIdentityIndex::kNotFound);
}

TEST_CASE("a rebuild forgets the rows before; a repeated identity keeps its first row",
          "[identity]") {
  TaskTable big(kFields);
  for (std::uint64_t tid = 1; tid <= 1000; ++tid)
    add_row(big, RowKind::Process, tid, 7);
  TaskIdentityIndex index;
  index.rebuild(big);

  TaskTable small(kFields);
  add_row(small, RowKind::Process, 42, 9);
  add_row(small, RowKind::Process, 42, 9);
  add_row(small, RowKind::Thread, 42, 9);
  index.rebuild(small);
  CHECK(index.size() == 2);
  CHECK(index.find({42, 9, RowKind::Process}) == 0);
  CHECK(index.find({42, 9, RowKind::Thread}) == 2);
  CHECK(index.find({41, 7, RowKind::Process}) == TaskIdentityIndex::kNotFound);

  TaskTable empty(kFields);
  index.rebuild(empty);
  CHECK(index.size() == 0);
  CHECK(index.find({42, 9, RowKind::Process}) == TaskIdentityIndex::kNotFound);
  TaskIdentityIndex never_built;
  CHECK(never_built.find({1, 1, RowKind::Process}) == TaskIdentityIndex::kNotFound);
}

TEST_CASE("a row without a start time is known by its tid alone", "[identity]") {
  TaskTable table(FieldSet{Field::Tid, Field::StartTime});
  table.begin_row(RowKind::Process);
  table.set_u64(Field::Tid, 77);
  table.commit_row();
  const TaskIdentity identity = util::identity_of(table[0]);
  CHECK(identity.tid == 77);
  CHECK(identity.start_time == ~std::uint64_t{0});
  TaskIdentityIndex index;
  index.rebuild(table);
  CHECK(index.find(identity) == 0);
}
