// parse_stat on captured /proc/PID/stat files and on hand-made hostile ones.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "parser_fixture.h"
#include "procfs/parsers.h"

using namespace procscan;
using namespace procscan::procfs;
using namespace procscan::procfs::test;
using namespace std::string_view_literals;

namespace {

constexpr std::uint64_t kU64Max = 18446744073709551615u;

Parsed parse_stat_fixture(std::string_view name, const FieldSet& fields = all_fields()) {
  return parse_into(parse_stat, fixture(name), fields);
}

// The fields no stat file sets.
void check_only_stat_fields_set(const TaskRef& row) {
  for (const auto& info : kFieldTable) {
    if (info.group == Group::Stat) continue;
    INFO("field " << info.name);
    CHECK_FALSE(row.has(info.field));
  }
}

// stat_fields_past_44 and friends were written so that field N holds N from field 10 on,
// except nice (-5) and exit_signal (17); fields 4 to 9 vary per file.
void check_numbered_tail(const TaskRef& row) {
  CHECK(row.u64(Field::Flags) == 4194560);
  CHECK(row.u64(Field::MinFlt) == 10);
  CHECK(row.u64(Field::CminFlt) == 11);
  CHECK(row.u64(Field::MajFlt) == 12);
  CHECK(row.u64(Field::CmajFlt) == 13);
  CHECK(row.u64(Field::Utime) == 14);
  CHECK(row.u64(Field::Stime) == 15);
  CHECK(row.u64(Field::Cutime) == 16);
  CHECK(row.u64(Field::Cstime) == 17);
  CHECK(row.i64(Field::Priority) == 18);
  CHECK(row.i64(Field::Nice) == -5);
  CHECK(row.u64(Field::NumThreads) == 20);
  CHECK(row.u64(Field::StartTime) == 22);
  CHECK(row.u64(Field::Vsize) == 23);
  CHECK(row.u64(Field::RssPages) == 24);
  CHECK(row.u64(Field::RssLimit) == 25);
  CHECK(row.u64(Field::StartCode) == 26);
  CHECK(row.u64(Field::EndCode) == 27);
  CHECK(row.u64(Field::StartStack) == 28);
  CHECK(row.u64(Field::KstkEsp) == 29);
  CHECK(row.u64(Field::KstkEip) == 30);
  CHECK(row.i64(Field::ExitSignal) == 17);
  CHECK(row.u64(Field::Processor) == 39);
  CHECK(row.u64(Field::RtPriority) == 40);
  CHECK(row.u64(Field::Policy) == 41);
  CHECK(row.u64(Field::BlkioTicks) == 42);
  CHECK(row.u64(Field::GuestTime) == 43);
}

}  // namespace

TEST_CASE("stat of a user process, every field", "[procfs][stat]") {
  // 1 (process_api) S 0 0 0 0 -1 4194560 31814 359050 0 212 58 272 902 688 20 0 13 0 25
  // 42983424 3100 18446744073709551615 1 1 0 0 0 0 0 4096 1256 0 0 0 17 0 0 0 0 0 0 ...
  const Parsed p = parse_stat_fixture("init/stat");
  const TaskRef row = p.row();
  CHECK(p.ok);
  CHECK(row.str(Field::Comm) == "process_api");
  CHECK(row.u64(Field::State) == 'S');
  CHECK(row.u64(Field::Ppid, 99) == 0);
  CHECK(row.u64(Field::Pgid, 99) == 0);
  CHECK(row.u64(Field::Sid, 99) == 0);
  CHECK(row.u64(Field::TtyNr, 99) == 0);
  CHECK(row.i64(Field::Tpgid) == -1);
  CHECK(row.u64(Field::Flags) == 4194560);
  CHECK(row.u64(Field::MinFlt) == 31814);
  CHECK(row.u64(Field::CminFlt) == 359050);
  CHECK(row.u64(Field::MajFlt, 99) == 0);
  CHECK(row.u64(Field::CmajFlt) == 212);
  CHECK(row.u64(Field::Utime) == 58);
  CHECK(row.u64(Field::Stime) == 272);
  CHECK(row.u64(Field::Cutime) == 902);
  CHECK(row.u64(Field::Cstime) == 688);
  CHECK(row.i64(Field::Priority) == 20);
  CHECK(row.i64(Field::Nice, 99) == 0);
  CHECK(row.u64(Field::NumThreads) == 13);
  CHECK(row.u64(Field::StartTime) == 25);
  CHECK(row.u64(Field::Vsize) == 42983424);
  CHECK(row.u64(Field::RssPages) == 3100);
  CHECK(row.u64(Field::RssLimit) == kU64Max);
  // The kernel prints 1 for the code range of a task the reader may not ptrace.
  CHECK(row.u64(Field::StartCode) == 1);
  CHECK(row.u64(Field::EndCode) == 1);
  CHECK(row.u64(Field::StartStack, 99) == 0);
  CHECK(row.u64(Field::KstkEsp, 99) == 0);
  CHECK(row.u64(Field::KstkEip, 99) == 0);
  CHECK(row.i64(Field::ExitSignal) == 17);
  CHECK(row.u64(Field::Processor, 99) == 0);
  CHECK(row.u64(Field::RtPriority, 99) == 0);
  CHECK(row.u64(Field::Policy, 99) == 0);
  CHECK(row.u64(Field::BlkioTicks, 99) == 0);
  CHECK(row.u64(Field::GuestTime, 99) == 0);
  CHECK(row.u64(Field::CguestTime, 99) == 0);
  check_only_stat_fields_set(row);
}

TEST_CASE("stat of a kernel thread", "[procfs][stat]") {
  // 2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 25 0 0 18446744073709551615 0 ...
  const Parsed p = parse_stat_fixture("kthread/stat");
  const TaskRef row = p.row();
  CHECK(p.ok);
  CHECK(row.str(Field::Comm) == "kthreadd");
  CHECK(row.u64(Field::State) == 'S');
  CHECK(row.u64(Field::Flags) == 2129984);
  CHECK(row.u64(Field::NumThreads) == 1);
  CHECK(row.u64(Field::StartTime) == 25);
  CHECK(row.has(Field::Vsize));
  CHECK(row.u64(Field::Vsize, 99) == 0);
  CHECK(row.u64(Field::RssPages, 99) == 0);
  CHECK(row.u64(Field::RssLimit) == kU64Max);
  CHECK(row.u64(Field::StartCode, 99) == 0);
  CHECK(row.i64(Field::ExitSignal, 99) == 0);
  CHECK(row.u64(Field::Processor, 99) == 0);
}

TEST_CASE("stat of a zombie", "[procfs][stat]") {
  // 3772 (zombie child) Z 3770 3764 2217 0 -1 4227148 19 0 0 0 0 0 0 0 20 0 1 0 84452 0 0 ...
  const Parsed p = parse_stat_fixture("zombie/stat");
  const TaskRef row = p.row();
  CHECK(p.ok);
  CHECK(row.str(Field::Comm) == "zombie child");
  CHECK(row.u64(Field::State) == 'Z');
  CHECK(row.u64(Field::Ppid) == 3770);
  CHECK(row.u64(Field::Pgid) == 3764);
  CHECK(row.u64(Field::Sid) == 2217);
  CHECK(row.u64(Field::Flags) == 4227148);
  CHECK(row.u64(Field::MinFlt) == 19);
  CHECK(row.u64(Field::NumThreads) == 1);
  CHECK(row.u64(Field::StartTime) == 84452);
  CHECK(row.u64(Field::Vsize, 99) == 0);
  CHECK(row.u64(Field::RssPages, 99) == 0);
  CHECK(row.i64(Field::ExitSignal) == 17);
}

TEST_CASE("stat of threads whose names look like stat fields", "[procfs][stat]") {
  SECTION("process name with a newline, parentheses and fake fields") {
    // 3768 (x) R 1 2\n(y) )) S 1 3764 2217 0 -1 4194560 244 0 4 0 17 0 0 0 20 0 4 0 84452
    // 27713536 365 18446744073709551615 94150637637632 94150637638497 140727083723328 ...
    const Parsed p = parse_stat_fixture("threads/stat");
    const TaskRef row = p.row();
    CHECK(p.ok);
    CHECK(row.str(Field::Comm) == "x) R 1 2\n(y) )");
    CHECK(row.u64(Field::State) == 'S');
    CHECK(row.u64(Field::Ppid) == 1);
    CHECK(row.u64(Field::Pgid) == 3764);
    CHECK(row.u64(Field::Sid) == 2217);
    CHECK(row.i64(Field::Tpgid) == -1);
    CHECK(row.u64(Field::MinFlt) == 244);
    CHECK(row.u64(Field::MajFlt) == 4);
    CHECK(row.u64(Field::Utime) == 17);
    CHECK(row.u64(Field::NumThreads) == 4);
    CHECK(row.u64(Field::Vsize) == 27713536);
    CHECK(row.u64(Field::RssPages) == 365);
    CHECK(row.u64(Field::StartCode) == 94150637637632u);
    CHECK(row.u64(Field::EndCode) == 94150637638497u);
    CHECK(row.u64(Field::StartStack) == 140727083723328u);
    CHECK(row.i64(Field::ExitSignal) == 17);
    CHECK(row.u64(Field::Processor) == 1);
  }
  SECTION("thread with a parenthesis in its name") {
    const Parsed p = parse_stat_fixture("threads/task1/stat");
    CHECK(p.ok);
    CHECK(p.row().str(Field::Comm) == "worker (1)");
    CHECK(p.row().u64(Field::Utime) == 5);
    CHECK(p.row().i64(Field::ExitSignal) == -1);  // threads do not signal the parent
  }
  SECTION("thread with a backslash, a tab and fake fields in its name") {
    const Parsed p = parse_stat_fixture("threads/task2/stat");
    CHECK(p.ok);
    CHECK(p.row().str(Field::Comm) == "a\\b\tc ) S 9 9");
    CHECK(p.row().u64(Field::State) == 'S');
    CHECK(p.row().u64(Field::Ppid) == 1);
    CHECK(p.row().u64(Field::Processor, 99) == 0);
  }
  SECTION("thread with an empty name") {
    const Parsed p = parse_stat_fixture("threads/task3/stat");
    CHECK(p.ok);
    CHECK(p.row().has(Field::Comm));
    CHECK(p.row().str(Field::Comm).empty());
    CHECK(p.row().u64(Field::Processor) == 1);
  }
}

TEST_CASE("stat comm runs from the first '(' to the last ')'", "[procfs][stat]") {
  const Parsed p = parse_stat_fixture("hostile/stat_comm_fake_fields");
  const TaskRef row = p.row();
  CHECK(p.ok);
  CHECK(row.str(Field::Comm) == "a) R 1 2 3 (b\n) x)");
  CHECK(row.u64(Field::State) == 'S');
  CHECK(row.u64(Field::Ppid) == 7);
  CHECK(row.u64(Field::Pgid) == 8);
  CHECK(row.u64(Field::Sid) == 9);
  CHECK(row.u64(Field::TtyNr, 99) == 0);
  CHECK(row.i64(Field::Tpgid) == -1);
  check_numbered_tail(row);
  CHECK(row.u64(Field::CguestTime) == 44);
}

TEST_CASE("stat fields past 44 are ignored", "[procfs][stat]") {
  const Parsed p = parse_stat_fixture("hostile/stat_fields_past_44");
  CHECK(p.ok);
  check_numbered_tail(p.row());
  CHECK(p.row().u64(Field::CguestTime) == 44);
}

TEST_CASE("stat without a comm in parentheses sets nothing", "[procfs][stat]") {
  for (const char* name : {"hostile/stat_empty", "hostile/stat_missing_close_paren",
                           "hostile/stat_missing_open_paren", "hostile/stat_parens_reversed"}) {
    INFO(name);
    const Parsed p = parse_stat_fixture(name);
    CHECK_FALSE(p.ok);
    for (const auto& info : kFieldTable)
      CHECK_FALSE(p.row().has(info.field));
  }
}

TEST_CASE("truncated stat keeps what it has and reports failure", "[procfs][stat]") {
  SECTION("after the comm") {
    const Parsed p = parse_stat_fixture("hostile/stat_truncated_after_comm");
    CHECK_FALSE(p.ok);
    CHECK(p.row().str(Field::Comm) == "sleep");
    CHECK_FALSE(p.row().has(Field::State));
  }
  SECTION("in the middle of the fields") {
    const Parsed p = parse_stat_fixture("hostile/stat_truncated_mid_fields");
    CHECK_FALSE(p.ok);
    CHECK(p.row().u64(Field::State) == 'S');
    CHECK(p.row().u64(Field::Ppid) == 1);
    CHECK(p.row().u64(Field::Pgid) == 2);
    CHECK_FALSE(p.row().has(Field::Sid));
  }
  SECTION("a newline ends the fields") {
    const Parsed p = parse_stat_fixture("hostile/stat_newline_in_fields");
    CHECK_FALSE(p.ok);
    CHECK(p.row().u64(Field::Pgid) == 2);
    CHECK_FALSE(p.row().has(Field::Sid));
    CHECK_FALSE(p.row().has(Field::Flags));
  }
}

TEST_CASE("stat of an old kernel that stops at rss", "[procfs][stat]") {
  // 42 (old) S 1 2 3 0 -1 256 5 6 7 8 9 10 11 12 15 -5 1 0 99 1048576 33
  const Parsed p = parse_stat_fixture("hostile/stat_old_kernel");
  CHECK(p.ok);
  CHECK(p.row().u64(Field::Cstime) == 12);
  CHECK(p.row().i64(Field::Priority) == 15);
  CHECK(p.row().i64(Field::Nice) == -5);
  CHECK(p.row().u64(Field::StartTime) == 99);
  CHECK(p.row().u64(Field::Vsize) == 1048576);
  CHECK(p.row().u64(Field::RssPages) == 33);
  CHECK_FALSE(p.row().has(Field::RssLimit));
  CHECK_FALSE(p.row().has(Field::Processor));

  const Parsed short_by_one = parse_stat_fixture("hostile/stat_one_short");
  CHECK_FALSE(short_by_one.ok);
  CHECK(short_by_one.row().u64(Field::Vsize) == 1048576);
  CHECK_FALSE(short_by_one.row().has(Field::RssPages));
}

TEST_CASE("stat numbers that do not fit are left unset", "[procfs][stat]") {
  // 42 (big) S 18446744073709551616 18446744073709551615 99999999999999999999999 0
  // -9223372036854775809 4194560 10 20 30 40 50 60 70 80 -9223372036854775808
  // 9223372036854775807 1 0 1000 4096 18446744073709551615 18446744073709551615
  const Parsed p = parse_stat_fixture("hostile/stat_huge_numbers");
  const TaskRef row = p.row();
  CHECK(p.ok);
  CHECK_FALSE(row.has(Field::Ppid));
  CHECK(row.u64(Field::Pgid) == kU64Max);
  CHECK_FALSE(row.has(Field::Sid));
  CHECK_FALSE(row.has(Field::Tpgid));
  CHECK(row.u64(Field::Flags) == 4194560);
  CHECK(row.i64(Field::Priority) == INT64_MIN);
  CHECK(row.i64(Field::Nice) == INT64_MAX);
  // rss past INT64_MAX is a negative counter printed unsigned.
  CHECK(row.has(Field::RssPages));
  CHECK(row.u64(Field::RssPages, 99) == 0);
  CHECK(row.u64(Field::RssLimit) == kU64Max);
}

TEST_CASE("stat negative numbers", "[procfs][stat]") {
  // 42 (neg) S -1 -2 -3 -2147483648 -1 -4194560 10 20 30 40 50 60 -70 80 -100 -20 1 0 1000 4096
  // -5 18446744073709551615 0 ... 0 -1 -1 0 0 0 0 0
  const Parsed p = parse_stat_fixture("hostile/stat_negative");
  const TaskRef row = p.row();
  CHECK(p.ok);
  CHECK_FALSE(row.has(Field::Ppid));
  CHECK_FALSE(row.has(Field::Pgid));
  CHECK_FALSE(row.has(Field::Sid));
  CHECK(row.u64(Field::TtyNr) == 0x80000000u);  // bit 31 of an encoded dev_t
  CHECK(row.i64(Field::Tpgid) == -1);
  CHECK_FALSE(row.has(Field::Flags));
  CHECK(row.u64(Field::Stime) == 60);
  CHECK_FALSE(row.has(Field::Cutime));
  CHECK(row.u64(Field::Cstime) == 80);
  CHECK(row.i64(Field::Priority) == -100);
  CHECK(row.i64(Field::Nice) == -20);
  CHECK(row.has(Field::RssPages));
  CHECK(row.u64(Field::RssPages, 99) == 0);
  CHECK(row.i64(Field::ExitSignal) == -1);
  CHECK_FALSE(row.has(Field::Processor));
  CHECK(row.u64(Field::RtPriority, 99) == 0);

  const Parsed tty = parse_stat_fixture("hostile/stat_tty_too_negative");
  CHECK(tty.ok);
  CHECK_FALSE(tty.row().has(Field::TtyNr));
  CHECK(tty.row().u64(Field::Sid) == 3);
}

TEST_CASE("stat tokens with stray bytes are left unset", "[procfs][stat]") {
  SECTION("signs, hex, suffixes") {
    // 42 (junk) SS 1x 2 0x3 +4 - 0 ...
    const Parsed p = parse_stat_fixture("hostile/stat_garbage_tokens");
    CHECK(p.ok);
    CHECK_FALSE(p.row().has(Field::State));
    CHECK_FALSE(p.row().has(Field::Ppid));
    CHECK(p.row().u64(Field::Pgid) == 2);
    CHECK_FALSE(p.row().has(Field::Sid));
    CHECK_FALSE(p.row().has(Field::TtyNr));
    CHECK_FALSE(p.row().has(Field::Tpgid));
    CHECK(p.row().i64(Field::Priority) == 20);
  }
  SECTION("CRLF spoils only the last field") {
    const Parsed p = parse_stat_fixture("hostile/stat_crlf");
    CHECK(p.ok);
    check_numbered_tail(p.row());
    CHECK_FALSE(p.row().has(Field::CguestTime));
  }
  SECTION("NUL bytes in the comm are kept, in a number they spoil it") {
    const Parsed p = parse_stat_fixture("hostile/stat_nul_bytes");
    CHECK(p.ok);
    CHECK(p.row().str(Field::Comm) == "\0a\0"sv);
    CHECK_FALSE(p.row().has(Field::Flags));
    CHECK(p.row().u64(Field::MinFlt) == 10);
  }
  SECTION("tabs and runs of spaces separate fields") {
    const Parsed p = parse_stat_fixture("hostile/stat_blanks");
    CHECK(p.ok);
    CHECK(p.row().str(Field::Comm) == "tabs");
    CHECK(p.row().u64(Field::State) == 'S');
    CHECK(p.row().u64(Field::Ppid) == 1);
    CHECK(p.row().u64(Field::Pgid) == 2);
    check_numbered_tail(p.row());
    CHECK(p.row().u64(Field::CguestTime) == 44);
  }
}

TEST_CASE("stat sets only the fields the table wants", "[procfs][stat]") {
  const Parsed p = parse_stat_fixture("threads/stat", FieldSet{Field::Ppid, Field::CguestTime});
  CHECK(p.ok);
  CHECK(p.row().u64(Field::Ppid) == 1);
  CHECK(p.row().has(Field::CguestTime));
  CHECK_FALSE(p.row().has(Field::Comm));

  // The result speaks of the file, not of what was wanted.
  const Parsed none = parse_stat_fixture("threads/stat", FieldSet{Field::VmRss});
  CHECK(none.ok);
  CHECK_FALSE(none.row().has(Field::VmRss));
  CHECK_FALSE(parse_stat_fixture("hostile/stat_one_short", FieldSet{}).ok);
}
