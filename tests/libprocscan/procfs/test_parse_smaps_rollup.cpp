// parse_smaps_rollup on a captured /proc/PID/smaps_rollup and hostile ones.
#include <catch2/catch.hpp>

#include "parser_fixture.h"
#include "procfs/parsers.h"

using namespace procscan;
using namespace procscan::procfs;
using namespace procscan::procfs::test;

TEST_CASE("smaps_rollup of a shell", "[procfs][smaps]") {
  const Parsed p = parse_into(parse_smaps_rollup, fixture("user/smaps_rollup"));
  CHECK(p.ok);
  CHECK(p.row().u64(Field::SmapsPss) == 952);
  CHECK(p.row().u64(Field::SmapsPrivateClean, 9) == 0);
  CHECK(p.row().u64(Field::SmapsPrivateDirty) == 372);
  CHECK(p.row().has(Field::SmapsSwapPss));
  CHECK(p.row().u64(Field::SmapsSwapPss, 9) == 0);
  CHECK(p.row().u64(Field::SmapsRss) == 4260);
  CHECK(p.row().u64(Field::SmapsPssAnon) == 737);
  CHECK(p.row().u64(Field::SmapsPssFile) == 214);
  CHECK(p.row().u64(Field::SmapsPssShmem, 9) == 0);
  for (const auto& info : kFieldTable) {
    if (info.group == Group::SmapsRollup) continue;
    INFO(info.name);
    CHECK_FALSE(p.row().has(info.field));
  }
}

TEST_CASE("a kernel thread has no smaps_rollup", "[procfs][smaps]") {
  const Parsed p = parse_into(parse_smaps_rollup, fixture("kthread/smaps_rollup"));
  CHECK_FALSE(p.ok);
  CHECK_FALSE(p.row().has(Field::SmapsPss));
}

TEST_CASE("hostile smaps_rollup values are left unset", "[procfs][smaps][hostile]") {
  const Parsed p = parse_into(parse_smaps_rollup, fixture("hostile/smaps_rollup_hostile"));
  CHECK(p.ok);
  CHECK(p.row().u64(Field::SmapsPss) == 12);           // the first Pss line wins
  CHECK_FALSE(p.row().has(Field::SmapsPrivateClean));  // negative
  CHECK_FALSE(p.row().has(Field::SmapsPrivateDirty));  // no unit
  CHECK_FALSE(p.row().has(Field::SmapsSwapPss));       // MB, not kB

  const Parsed no_pss = parse_into(parse_smaps_rollup, fixture("hostile/smaps_rollup_no_pss"));
  CHECK_FALSE(no_pss.ok);
  CHECK_FALSE(no_pss.row().has(Field::SmapsPss));
  CHECK(no_pss.row().u64(Field::SmapsSwapPss) == 2);
}
