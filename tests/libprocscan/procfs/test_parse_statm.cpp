// parse_statm on captured /proc/PID/statm files and hostile ones.
#include <catch2/catch.hpp>

#include <string_view>

#include "parser_fixture.h"
#include "procfs/parsers.h"

using namespace procscan;
using namespace procscan::procfs;
using namespace procscan::procfs::test;

TEST_CASE("statm of a user process", "[procfs][statm]") {
  // 10494 3157 1603 1327 0 8652 0
  const Parsed p = parse_into(parse_statm, fixture("init/statm"));
  CHECK(p.ok);
  CHECK(p.row().u64(Field::StatmSize) == 10494);
  CHECK(p.row().u64(Field::StatmResident) == 3157);
  CHECK(p.row().u64(Field::StatmShared) == 1603);
  CHECK(p.row().u64(Field::StatmText) == 1327);
  CHECK(p.row().u64(Field::StatmData) == 8652);
  for (const auto& info : kFieldTable) {
    if (info.group == Group::Statm) continue;
    INFO(info.name);
    CHECK_FALSE(p.row().has(info.field));
  }
}

TEST_CASE("statm of a kernel thread and of a zombie is all zeros", "[procfs][statm]") {
  for (const char* name : {"kthread/statm", "zombie/statm"}) {
    INFO(name);
    const Parsed p = parse_into(parse_statm, fixture(name));
    CHECK(p.ok);
    for (Field f : {Field::StatmSize, Field::StatmResident, Field::StatmShared, Field::StatmText,
                    Field::StatmData}) {
      CHECK(p.row().has(f));
      CHECK(p.row().u64(f, 99) == 0);
    }
  }
}

TEST_CASE("statm of a thread", "[procfs][statm]") {
  // 6766 412 381 1 0 6233 0
  const Parsed p = parse_into(parse_statm, fixture("threads/task1/statm"));
  CHECK(p.ok);
  CHECK(p.row().u64(Field::StatmSize) == 6766);
  CHECK(p.row().u64(Field::StatmResident) == 412);
  CHECK(p.row().u64(Field::StatmShared) == 381);
  CHECK(p.row().u64(Field::StatmText) == 1);
  CHECK(p.row().u64(Field::StatmData) == 6233);
}

TEST_CASE("hostile statm", "[procfs][statm]") {
  SECTION("empty") {
    const Parsed p = parse_into(parse_statm, fixture("hostile/statm_empty"));
    CHECK_FALSE(p.ok);
    CHECK_FALSE(p.row().has(Field::StatmSize));
  }
  SECTION("short") {
    const Parsed p = parse_into(parse_statm, fixture("hostile/statm_short"));
    CHECK_FALSE(p.ok);
    CHECK(p.row().u64(Field::StatmShared) == 3);
    CHECK_FALSE(p.row().has(Field::StatmText));
    CHECK_FALSE(p.row().has(Field::StatmData));
  }
  SECTION("overflow, negative, suffix, extra numbers and a second line") {
    // 18446744073709551616 -2 3x 4 5 6 7 8 9\n10 10 10 10 10 10 10\n
    const Parsed p = parse_into(parse_statm, fixture("hostile/statm_hostile"));
    CHECK(p.ok);
    CHECK_FALSE(p.row().has(Field::StatmSize));
    CHECK_FALSE(p.row().has(Field::StatmResident));
    CHECK_FALSE(p.row().has(Field::StatmShared));
    CHECK(p.row().u64(Field::StatmText) == 4);
    CHECK(p.row().u64(Field::StatmData) == 6);
  }
  SECTION("six numbers are enough, five are not") {
    CHECK(parse_into(parse_statm, "1 2 3 4 5 6").ok);
    CHECK_FALSE(parse_into(parse_statm, "1 2 3 4 5\n6 7").ok);
  }
}

TEST_CASE("statm sets only the fields the table wants", "[procfs][statm]") {
  const Parsed p = parse_into(parse_statm, fixture("init/statm"), FieldSet{Field::StatmResident});
  CHECK(p.ok);
  CHECK(p.row().u64(Field::StatmResident) == 3157);
  CHECK_FALSE(p.row().has(Field::StatmSize));
}
