// /proc/self/mounts as lsof reads it (dialects/linux/dmnt.c readmnt), on captured text and
// on this machine's own table.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "procscan/mount_table.h"

using procscan::MountTable;

TEST_CASE("captured mounts: escapes decoded, autofs, pipefs and automounter entries left out") {
  std::ifstream in(std::string(TESTS_DATA_DIR) + "/mounts/mounts.txt");
  std::stringstream text;
  text << in.rdbuf();
  const MountTable table = MountTable::parse(text.str());
  std::vector<std::string> dirs;
  for (const auto& e : table.entries())
    dirs.push_back(e.dir);
  CHECK(dirs == std::vector<std::string>{"/", "/proc", "/run", "/mnt/with space",
                                         "/mnt/tab\tand\\backslash", "/mnt/bad\\08escape\\1"});
  CHECK(table.entries()[3].device == "fileserver:/export");
  CHECK(table.entries()[3].type == "nfs4");
  CHECK(table.has_mount_point("/run"));
  CHECK_FALSE(table.has_mount_point("/run/"));
  CHECK_FALSE(table.has_mount_point("/net"));
  CHECK_FALSE(table.has_mount_point("/mnt/with\\040space"));
}

TEST_CASE("this machine's mount table has its root and its procfs") {
  const MountTable table = MountTable::read();
  INFO("entries: " << table.entries().size());
  CHECK(table.has_mount_point("/"));
  CHECK(table.has_mount_point("/proc"));
}
