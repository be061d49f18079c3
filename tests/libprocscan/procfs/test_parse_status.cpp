// parse_status and parse_status_tgid on captured /proc/PID/status files and hostile ones.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "parser_fixture.h"
#include "procfs/parsers.h"

using namespace procscan;
using namespace procscan::procfs;
using namespace procscan::procfs::test;

namespace {

Parsed parse_status_fixture(std::string_view name, const FieldSet& fields = all_fields()) {
  return parse_into(parse_status, fixture(name), fields);
}

Parsed parse_status_text(std::string_view text, const FieldSet& fields = all_fields()) {
  return parse_into(parse_status, text, fields);
}

constexpr Field kMemoryFields[] = {
    Field::VmPeak, Field::VmSize,  Field::VmLck,   Field::VmPin,    Field::VmHwm,
    Field::VmRss,  Field::RssAnon, Field::RssFile, Field::RssShmem, Field::VmData,
    Field::VmStk,  Field::VmExe,   Field::VmLib,   Field::VmPte,    Field::VmSwap,
};

}  // namespace

TEST_CASE("status of a user process, every field", "[procfs][status]") {
  const Parsed p = parse_status_fixture("init/status");
  const TaskRef row = p.row();
  CHECK(p.ok);
  CHECK(row.u64(Field::Umask) == 022);
  CHECK(row.u64(Field::TracerPid, 99) == 0);
  for (Field f : {Field::Ruid, Field::Euid, Field::Suid, Field::Fsuid, Field::Rgid, Field::Egid,
                  Field::Sgid, Field::Fsgid}) {
    INFO(name_of(f));
    CHECK(row.u64(f, 99) == 0);
  }
  CHECK(row.has(Field::SupGroups));  // "Groups:\t \n": present, and empty
  CHECK(row.str(Field::SupGroups).empty());
  CHECK(row.u64(Field::VmPeak) == 49976);
  CHECK(row.u64(Field::VmSize) == 41976);
  CHECK(row.u64(Field::VmLck) == 41944);
  CHECK(row.u64(Field::VmPin, 99) == 0);
  CHECK(row.u64(Field::VmHwm) == 17480);
  CHECK(row.u64(Field::VmRss) == 12628);
  CHECK(row.u64(Field::RssAnon) == 6216);
  CHECK(row.u64(Field::RssFile) == 8);
  CHECK(row.u64(Field::RssShmem) == 6404);
  CHECK(row.u64(Field::VmData) == 34476);
  CHECK(row.u64(Field::VmStk) == 132);
  CHECK(row.u64(Field::VmExe) == 5308);
  CHECK(row.u64(Field::VmLib) == 8);
  CHECK(row.u64(Field::VmPte) == 120);
  CHECK(row.u64(Field::VmSwap, 99) == 0);
  CHECK(row.u64(Field::SigPending, 99) == 0);
  CHECK(row.u64(Field::SigSharedPending, 99) == 0);
  CHECK(row.u64(Field::SigBlocked, 99) == 0);
  CHECK(row.u64(Field::SigIgnored) == 0x1000);
  CHECK(row.u64(Field::SigCaught) == 0x4e8);
  CHECK(row.u64(Field::CapInheritable, 99) == 0);
  CHECK(row.u64(Field::CapPermitted) == 0x1ffffffffffu);
  CHECK(row.u64(Field::CapEffective) == 0x1ffffffffffu);
  CHECK(row.u64(Field::CapBounding) == 0x1fffeffffffu);
  CHECK(row.u64(Field::CapAmbient, 99) == 0);
  CHECK(row.u64(Field::VoluntaryCtxtSwitches) == 344);
  CHECK(row.u64(Field::NonvoluntaryCtxtSwitches) == 70);
  for (const auto& info : kFieldTable) {
    if (info.group == Group::Status) continue;
    INFO(info.name);
    CHECK_FALSE(row.has(info.field));
  }
}

TEST_CASE("status with distinct ids, groups and a hostile name", "[procfs][status]") {
  // Name:\tx) R 1 2\n(y) )   (the kernel escapes the newline as backslash-n)
  const Parsed p = parse_status_fixture("threads/status");
  const TaskRef row = p.row();
  CHECK(p.ok);
  CHECK(row.u64(Field::Ruid) == 1000);
  CHECK(row.u64(Field::Euid) == 1001);
  CHECK(row.u64(Field::Suid) == 1001);
  CHECK(row.u64(Field::Fsuid) == 1001);
  CHECK(row.u64(Field::Rgid) == 100);
  CHECK(row.u64(Field::Egid) == 101);
  CHECK(row.u64(Field::Sgid) == 101);
  CHECK(row.u64(Field::Fsgid) == 101);
  CHECK(row.str(Field::SupGroups) == "4 24 27 65534");
  CHECK(row.u64(Field::VmPeak) == 27064);
  CHECK(row.u64(Field::VmSize) == 27064);
  CHECK(row.u64(Field::VmLck, 99) == 0);
  CHECK(row.u64(Field::VmHwm) == 1648);
  CHECK(row.u64(Field::VmRss) == 1648);
  CHECK(row.u64(Field::RssAnon) == 124);
  CHECK(row.u64(Field::RssFile) == 1524);
  CHECK(row.u64(Field::VmData) == 24800);
  CHECK(row.u64(Field::VmExe) == 4);
  CHECK(row.u64(Field::VmLib) == 1528);
  CHECK(row.u64(Field::VmPte) == 56);
  CHECK(row.u64(Field::SigIgnored) == 6);
  CHECK(row.u64(Field::SigCaught) == 0x100000000u);
  CHECK(row.u64(Field::CapPermitted, 99) == 0);
  CHECK(row.u64(Field::CapEffective, 99) == 0);
  CHECK(row.u64(Field::CapBounding) == 0x1fffeffffffu);
  CHECK(row.u64(Field::VoluntaryCtxtSwitches) == 10);
  CHECK(row.u64(Field::NonvoluntaryCtxtSwitches) == 1);
}

TEST_CASE("status of threads", "[procfs][status]") {
  // Name:\ta\\b<TAB>c ) S 9 9
  const Parsed p = parse_status_fixture("threads/task2/status");
  CHECK(p.ok);
  CHECK(p.row().u64(Field::Euid) == 1001);
  CHECK(p.row().str(Field::SupGroups) == "4 24 27 65534");
  CHECK(p.row().u64(Field::VoluntaryCtxtSwitches) == 1);
  CHECK(p.row().u64(Field::NonvoluntaryCtxtSwitches) == 7);

  const Parsed empty_name = parse_status_fixture("threads/task3/status");
  CHECK(empty_name.ok);
  CHECK(empty_name.row().u64(Field::NonvoluntaryCtxtSwitches) == 9);
}

TEST_CASE("kernel threads and zombies have no memory lines", "[procfs][status]") {
  SECTION("kernel thread") {
    const Parsed p = parse_status_fixture("kthread/status");
    CHECK(p.ok);
    for (Field f : kMemoryFields) {
      INFO(name_of(f));
      CHECK_FALSE(p.row().has(f));
    }
    CHECK(p.row().u64(Field::Umask) == 022);
    CHECK(p.row().u64(Field::SigIgnored) == UINT64_MAX);
    CHECK(p.row().u64(Field::CapBounding) == 0x1ffffffffffu);
    CHECK(p.row().u64(Field::VoluntaryCtxtSwitches) == 58);
  }
  SECTION("zombie, which has no Umask line either") {
    const Parsed p = parse_status_fixture("zombie/status");
    CHECK(p.ok);
    for (Field f : kMemoryFields) {
      INFO(name_of(f));
      CHECK_FALSE(p.row().has(f));
    }
    CHECK_FALSE(p.row().has(Field::Umask));
    CHECK(p.row().u64(Field::Ruid, 99) == 0);
    CHECK(p.row().u64(Field::CapPermitted) == 0x1fffeffffffu);
    CHECK(p.row().u64(Field::VoluntaryCtxtSwitches) == 1);
  }
}

TEST_CASE("status keys match only at the start of a line, first one wins", "[procfs][status]") {
  const Parsed p = parse_status_fixture("hostile/status_name_injection");
  const TaskRef row = p.row();
  CHECK(p.ok);
  CHECK(row.u64(Field::Umask) == 077);
  CHECK(row.u64(Field::Ruid) == 1000);
  CHECK(row.u64(Field::Euid) == 1001);
  CHECK(row.u64(Field::Suid) == 1002);
  CHECK(row.u64(Field::Fsuid) == 1003);
  CHECK(row.u64(Field::Rgid) == 2000);
  CHECK(row.u64(Field::Fsgid) == 2003);
  CHECK(row.str(Field::SupGroups) == "10 20");
  CHECK(row.u64(Field::VmRss) == 100);
  CHECK_FALSE(row.has(Field::VmSize));
}

TEST_CASE("status with bad values leaves them unset", "[procfs][status]") {
  const Parsed p = parse_status_fixture("hostile/status_bad_values");
  const TaskRef row = p.row();
  CHECK(p.ok);
  CHECK_FALSE(row.has(Field::Umask));      // 0089 is not octal
  CHECK_FALSE(row.has(Field::TracerPid));  // -1
  CHECK_FALSE(row.has(Field::Ruid));       // -1
  CHECK(row.u64(Field::Euid) == 4294967295u);
  CHECK_FALSE(row.has(Field::Suid));  // past 32 bits
  CHECK(row.u64(Field::Fsuid, 99) == 0);
  CHECK(row.u64(Field::Rgid) == 1);  // Gid with three ids: the fourth is missing
  CHECK(row.u64(Field::Egid) == 2);
  CHECK(row.u64(Field::Sgid) == 3);
  CHECK_FALSE(row.has(Field::Fsgid));
  CHECK_FALSE(row.has(Field::SupGroups));  // two spaces
  CHECK_FALSE(row.has(Field::VmPeak));     // no unit
  CHECK_FALSE(row.has(Field::VmSize));     // MB
  CHECK_FALSE(row.has(Field::VmLck));      // past 64 bits
  CHECK_FALSE(row.has(Field::VmPin));      // no number
  CHECK(row.u64(Field::VmHwm) == 7);
  CHECK_FALSE(row.has(Field::SigPending));        // 0x prefix
  CHECK_FALSE(row.has(Field::SigSharedPending));  // 17 significant digits
  CHECK(row.u64(Field::SigBlocked) == UINT64_MAX);
  CHECK(row.u64(Field::SigIgnored) == 0xff);
  CHECK_FALSE(row.has(Field::SigCaught));  // empty
  CHECK_FALSE(row.has(Field::VoluntaryCtxtSwitches));
  CHECK_FALSE(row.has(Field::NonvoluntaryCtxtSwitches));  // +3
}

TEST_CASE("status Groups forms", "[procfs][status]") {
  auto groups = [](std::string_view line) {
    const std::string text = "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n" + std::string(line);
    return parse_status_text(text, FieldSet{Field::SupGroups});
  };
  CHECK(groups("Groups:\t \n").row().has(Field::SupGroups));
  CHECK(groups("Groups:\t \n").row().str(Field::SupGroups).empty());
  CHECK(groups("Groups:\t\n").row().has(Field::SupGroups));
  CHECK(groups("Groups:").row().has(Field::SupGroups));
  CHECK(groups("Groups:\t4 \n").row().str(Field::SupGroups) == "4");
  CHECK(groups("Groups:\t4 24 27\n").row().str(Field::SupGroups) == "4 24 27");
  CHECK(groups("Groups:\t4294967295 0 \n").row().str(Field::SupGroups) == "4294967295 0");
  CHECK_FALSE(groups("Groups:\t4\t24\n").row().has(Field::SupGroups));
  CHECK_FALSE(groups("Groups:\t4 x \n").row().has(Field::SupGroups));
  CHECK_FALSE(groups("Groups:\t-4\n").row().has(Field::SupGroups));
  CHECK_FALSE(groups("Groups:\t4294967296\n").row().has(Field::SupGroups));
  CHECK_FALSE(groups("Groups:\t4 24 \r\n").row().has(Field::SupGroups));
  CHECK_FALSE(groups("").row().has(Field::SupGroups));
}

TEST_CASE("status with CRLF line ends spoils the last value of each line", "[procfs][status]") {
  const Parsed p = parse_status_fixture("hostile/status_crlf");
  const TaskRef row = p.row();
  CHECK(p.ok);
  CHECK(row.u64(Field::Ruid) == 1);
  CHECK(row.u64(Field::Suid) == 3);
  CHECK_FALSE(row.has(Field::Fsuid));
  CHECK(row.u64(Field::Sgid) == 7);
  CHECK_FALSE(row.has(Field::Fsgid));
  CHECK_FALSE(row.has(Field::Umask));
  CHECK_FALSE(row.has(Field::SupGroups));
  CHECK_FALSE(row.has(Field::VmRss));
  CHECK_FALSE(row.has(Field::SigCaught));
}

TEST_CASE("empty or truncated status", "[procfs][status]") {
  const Parsed empty = parse_status_fixture("hostile/status_empty");
  CHECK_FALSE(empty.ok);
  for (const auto& info : kFieldTable)
    CHECK_FALSE(empty.row().has(info.field));

  // ...TracerPid:\t0\nUid:\t1\t2   (no newline, no Gid line)
  const Parsed cut = parse_status_fixture("hostile/status_truncated");
  CHECK_FALSE(cut.ok);
  CHECK(cut.row().u64(Field::Umask) == 022);
  CHECK(cut.row().u64(Field::Ruid) == 1);
  CHECK(cut.row().u64(Field::Euid) == 2);
  CHECK_FALSE(cut.row().has(Field::Suid));
  CHECK_FALSE(cut.row().has(Field::Rgid));
}

TEST_CASE("status sets only the fields the table wants", "[procfs][status]") {
  const Parsed p = parse_status_fixture("threads/status", FieldSet{Field::Euid, Field::VmRss});
  CHECK(p.ok);
  CHECK(p.row().u64(Field::Euid) == 1001);
  CHECK(p.row().u64(Field::VmRss) == 1648);
  CHECK_FALSE(p.row().has(Field::Ruid));

  CHECK(parse_status_fixture("threads/status", FieldSet{}).ok);
  CHECK_FALSE(parse_status_text("Uid:\t0\t0\t0\t0\n", FieldSet{}).ok);
}

TEST_CASE("status Tgid", "[procfs][status]") {
  CHECK(parse_status_tgid(fixture("init/status")) == 1u);
  CHECK(parse_status_tgid(fixture("kthread/status")) == 2u);
  CHECK(parse_status_tgid(fixture("zombie/status")) == 3772u);
  CHECK(parse_status_tgid(fixture("threads/status")) == 3768u);
  CHECK(parse_status_tgid(fixture("threads/task1/status")) == 3768u);
  CHECK(parse_status_tgid(fixture("hostile/status_name_injection")) == 42u);
  CHECK(parse_status_tgid(fixture("hostile/status_crlf")) == std::nullopt);
  CHECK(parse_status_tgid(fixture("hostile/status_bad_values")) == std::nullopt);
  CHECK(parse_status_tgid(fixture("hostile/status_empty")) == std::nullopt);
  CHECK(parse_status_tgid("Name:\tTgid:\t5\n") == std::nullopt);
  CHECK(parse_status_tgid("Tgid:\t7") == 7u);
}
