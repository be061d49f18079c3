// parse_io on captured /proc/PID/io files and hostile ones.
#include <catch2/catch.hpp>

#include <string_view>

#include "parser_fixture.h"
#include "procfs/parsers.h"

using namespace procscan;
using namespace procscan::procfs;
using namespace procscan::procfs::test;

TEST_CASE("io of a user process", "[procfs][io]") {
  const Parsed p = parse_into(parse_io, fixture("threads/io"));
  CHECK(p.ok);
  CHECK(p.row().u64(Field::IoRchar) == 24160);
  CHECK(p.row().u64(Field::IoWchar) == 5);
  CHECK(p.row().u64(Field::IoSyscr) == 44);
  CHECK(p.row().u64(Field::IoSyscw) == 1);
  CHECK(p.row().u64(Field::IoReadBytes) == 462848);
  CHECK(p.row().u64(Field::IoWriteBytes) == 8192);
  CHECK(p.row().has(Field::IoCancelledWriteBytes));
  CHECK(p.row().u64(Field::IoCancelledWriteBytes, 99) == 0);
  for (const auto& info : kFieldTable) {
    if (info.group == Group::Io) continue;
    INFO(info.name);
    CHECK_FALSE(p.row().has(info.field));
  }
}

TEST_CASE("io of a kernel thread and of a zombie is all zeros", "[procfs][io]") {
  for (const char* name : {"kthread/io", "zombie/io", "threads/task1/io"}) {
    INFO(name);
    const Parsed p = parse_into(parse_io, fixture(name));
    CHECK(p.ok);
    for (Field f : {Field::IoRchar, Field::IoWchar, Field::IoSyscr, Field::IoSyscw,
                    Field::IoReadBytes, Field::IoWriteBytes, Field::IoCancelledWriteBytes}) {
      CHECK(p.row().u64(f, 99) == 0);
    }
  }
}

TEST_CASE("hostile io", "[procfs][io]") {
  SECTION("bad values, unknown and repeated keys, CRLF") {
    // rchar: 1\nwchar: -2\n syscr: 3\nsyscr: 4\nsyscr: 5\nbogus: 6\nsyscw 7\nsyscw: 0x8\n
    // read_bytes: 18446744073709551615\nwrite_bytes: 18446744073709551616\n
    // cancelled_write_bytes: 9\r\n
    const Parsed p = parse_into(parse_io, fixture("hostile/io_hostile"));
    CHECK(p.ok);
    CHECK(p.row().u64(Field::IoRchar) == 1);
    CHECK_FALSE(p.row().has(Field::IoWchar));
    CHECK(p.row().u64(Field::IoSyscr) == 4);
    CHECK_FALSE(p.row().has(Field::IoSyscw));
    CHECK(p.row().u64(Field::IoReadBytes) == UINT64_MAX);
    CHECK_FALSE(p.row().has(Field::IoWriteBytes));
    CHECK_FALSE(p.row().has(Field::IoCancelledWriteBytes));
  }
  SECTION("truncated") {
    // rchar: 24160\nwchar: 5\nsyscr: 4
    const Parsed p = parse_into(parse_io, fixture("hostile/io_truncated"));
    CHECK_FALSE(p.ok);
    CHECK(p.row().u64(Field::IoRchar) == 24160);
    CHECK(p.row().u64(Field::IoWchar) == 5);
    CHECK(p.row().u64(Field::IoSyscr) == 4);
    CHECK_FALSE(p.row().has(Field::IoSyscw));
  }
  SECTION("empty") {
    const Parsed p = parse_into(parse_io, "");
    CHECK_FALSE(p.ok);
    CHECK_FALSE(p.row().has(Field::IoRchar));
  }
}

TEST_CASE("io sets only the fields the table wants", "[procfs][io]") {
  const Parsed p = parse_into(parse_io, fixture("threads/io"), FieldSet{Field::IoWriteBytes});
  CHECK(p.ok);
  CHECK(p.row().u64(Field::IoWriteBytes) == 8192);
  CHECK_FALSE(p.row().has(Field::IoRchar));
}
