// MapsCursor on /proc/PID/maps files captured on Linux 6.18 (tests/data/files/NOTES.md) and on
// a hostile one: which mappings lsof lists, with which device, inode and path.
#include <catch2/catch.hpp>

#include <sys/sysmacros.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "files/parsers.h"

using namespace procscan::files;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(TESTS_DATA_DIR) + "/files/maps/" + name, std::ios::binary);
  INFO("fixture " << name);
  REQUIRE(in.good());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct Entry {
  std::uint64_t dev, ino;
  std::string path;
  bool deleted;
  bool operator==(const Entry&) const = default;
};

std::vector<Entry> entries(const std::string& text) {
  std::vector<Entry> out;
  MapsCursor cursor(text);
  MapsEntry e;
  while (cursor.next(e))
    out.push_back({e.dev, e.ino, std::string(e.path), e.deleted});
  return out;
}

}  // namespace

TEST_CASE("maps of a python process: files only, in order", "[files][maps]") {
  const auto all = entries(fixture("python3"));
  REQUIRE(all.size() > 10);
  CHECK(all.front().path.ends_with("/bin/python3.11"));
  CHECK(all.front().ino == 18624);
  CHECK(all.front().dev == makedev(0xfe, 0x00));
  for (const auto& e : all) {
    INFO(e.path);
    CHECK(e.path.front() == '/');  // [heap], [stack], [vdso], [vvar], [vsyscall] are left out
    CHECK((e.dev != 0 || e.ino != 0));
  }
}

TEST_CASE("maps with deleted files, a memfd and a path with spaces", "[files][maps]") {
  const auto all = entries(fixture("deleted_and_spaces"));
  auto find = [&](const std::string& path) {
    std::vector<Entry> found;
    for (const auto& e : all)
      if (e.path == path) found.push_back(e);
    return found;
  };
  const auto deleted = find("/tmp/td_deleted_map");
  REQUIRE(deleted.size() == 2);  // two mappings; lsof's one row per file is the reader's job
  CHECK(deleted[0].deleted);
  CHECK(deleted[0].ino == 10952802);
  const auto memfd = find("/memfd:td-memfd");
  REQUIRE(memfd.size() == 1);
  CHECK(memfd[0].deleted);
  CHECK(memfd[0].dev == makedev(0, 1));
  const auto spaces = find("/tmp/td map with spaces: x");
  REQUIRE(spaces.size() == 1);
  CHECK_FALSE(spaces[0].deleted);
  CHECK(spaces[0].ino == 10952719);
}

TEST_CASE("hostile maps", "[files][maps]") {
  const std::uint64_t fd01 = makedev(0xfd, 0x01);
  const std::vector<Entry> expected = {
      {fd01, 42, "/bin/with  two spaces ", false},  // spaces inside and at the end are kept
      {fd01, 9, "/tab", false},                     // a tab ends the path
      {fd01, 10, "(deleted)", false},               // only a suffix after a name is deletion
      {fd01, 11, "/x", true},
      // "00:00 12" with no path, the short line and "not a line" are left out, as lsof does
      {fd01, 42, "/bin/with  two spaces ", false},
      {makedev(0xfffff, 0xfffff), 13, "/max/dev", false},
      {makedev(0x100000, 1), 14, "/too/big/major", false},
  };
  CHECK(entries(fixture("hostile")) == expected);
}
