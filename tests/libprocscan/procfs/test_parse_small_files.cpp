// parse_single_number (oom_score, oom_score_adj, loginuid) and parse_autogroup on captured
// files and hostile ones.
#include <catch2/catch.hpp>

#include <string_view>

#include "parser_fixture.h"
#include "procfs/parsers.h"

using namespace procscan;
using namespace procscan::procfs;
using namespace procscan::procfs::test;

namespace {

Parsed parse_number(std::string_view text, Field field) {
  return parse_into(
      [field](std::string_view t, TaskTable& out) { return parse_single_number(t, field, out); },
      text);
}

}  // namespace

TEST_CASE("oom_score and oom_score_adj as the kernel prints them", "[procfs][oom]") {
  CHECK(parse_number(fixture("user/oom_score"), Field::OomScore).row().i64(Field::OomScore) == 666);
  CHECK(
      parse_number(fixture("user/oom_score_raised"), Field::OomScore).row().i64(Field::OomScore) ==
      1000);
  const Parsed adj = parse_number(fixture("user/oom_score_adj_raised"), Field::OomScoreAdj);
  CHECK(adj.ok);
  CHECK(adj.row().i64(Field::OomScoreAdj) == 500);
  CHECK(parse_number(fixture("init/oom_score_adj"), Field::OomScoreAdj)
            .row()
            .i64(Field::OomScoreAdj, 9) == 0);
  CHECK(parse_number(fixture("kthread/oom_score"), Field::OomScore).row().has(Field::OomScore));
  // Signed values are what oom_score_adj holds below zero.
  CHECK(parse_number("-1000\n", Field::OomScoreAdj).row().i64(Field::OomScoreAdj) == -1000);
}

TEST_CASE("an unset loginuid is 4294967295 without a newline", "[procfs][loginuid]") {
  for (const char* name : {"user/loginuid", "init/loginuid"}) {
    INFO(name);
    const Parsed p = parse_number(fixture(name), Field::LoginUid);
    CHECK(p.ok);
    CHECK(p.row().u64(Field::LoginUid) == 4294967295u);
  }
  CHECK(parse_number("1000\n", Field::LoginUid).row().u64(Field::LoginUid) == 1000);
}

TEST_CASE("number files with anything but one number leave the field unset",
          "[procfs][oom][hostile]") {
  for (const char* name :
       {"hostile/oom_score_adj_garbage", "hostile/oom_score_adj_plus", "hostile/loginuid_crlf"}) {
    INFO(name);
    for (Field f : {Field::OomScoreAdj, Field::LoginUid}) {
      const Parsed p = parse_number(fixture(name), f);
      CHECK_FALSE(p.ok);
      CHECK_FALSE(p.row().has(f));
    }
  }
  for (std::string_view text : {"", "\n", " 5\n", "5 6\n", "-\n", "18446744073709551616\n"}) {
    INFO(text);
    CHECK_FALSE(parse_number(text, Field::LoginUid).row().has(Field::LoginUid));
    CHECK_FALSE(parse_number(text, Field::OomScore).row().has(Field::OomScore));
  }
}

TEST_CASE("autogroup of a session and of the root task group", "[procfs][autogroup]") {
  const Parsed p = parse_into(parse_autogroup, fixture("user/autogroup"));
  CHECK(p.ok);
  CHECK(p.row().i64(Field::AutogroupId) == 35600);
  CHECK(p.row().has(Field::AutogroupNice));
  CHECK(p.row().i64(Field::AutogroupNice, 9) == 0);
  CHECK(parse_into(parse_autogroup, "/autogroup-4 nice -5\n").row().i64(Field::AutogroupNice) ==
        -5);
  for (const char* name : {"init/autogroup", "kthread/autogroup"}) {
    INFO(name);
    const Parsed root = parse_into(parse_autogroup, fixture(name));
    CHECK_FALSE(root.ok);
    CHECK_FALSE(root.row().has(Field::AutogroupId));
    CHECK_FALSE(root.row().has(Field::AutogroupNice));
  }
}

TEST_CASE("malformed autogroup lines set nothing", "[procfs][autogroup][hostile]") {
  for (const char* name : {"hostile/autogroup_trailing", "hostile/autogroup_no_slash",
                           "hostile/autogroup_huge", "hostile/autogroup_truncated"}) {
    INFO(name);
    const Parsed p = parse_into(parse_autogroup, fixture(name));
    CHECK_FALSE(p.ok);
    CHECK_FALSE(p.row().has(Field::AutogroupId));
    CHECK_FALSE(p.row().has(Field::AutogroupNice));
  }
  // The kernel prints the id unsigned; a sign is taken as C's sscanf("%d") would.
  CHECK(parse_into(parse_autogroup, fixture("hostile/autogroup_negative_id"))
            .row()
            .i64(Field::AutogroupId) == -3);
}
