#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "procscan/names.h"

using namespace procscan;

TEST_CASE("/proc/tty/drivers lines become driver ranges", "[names]") {
  const auto drivers = TtyNames::parse_drivers(
      "/dev/tty             /dev/tty        5       0 system:/dev/tty\n"
      "pty_slave            /dev/pts      136 0-1048575 pty:slave\n"
      "serial               /dev/ttyS       4 64-95 serial\n"
      "broken line\n"
      "devfs                /dev/tts/%d     4 64-95 serial\n");
  REQUIRE(drivers.size() == 4);
  CHECK(drivers[0].device_prefix == "/dev/tty");
  CHECK(drivers[0].major == 5);
  CHECK(drivers[0].minor_first == 0);
  CHECK(drivers[0].minor_last == 0);
  CHECK(drivers[1].device_prefix == "/dev/pts");
  CHECK(drivers[1].minor_last == 1048575);
  CHECK(drivers[3].device_prefix == "/dev/tts/");
}

TEST_CASE("device numbers split as the kernel encodes them", "[names]") {
  CHECK(dev_major(34816) == 136);  // pts/0
  CHECK(dev_minor(34816) == 0);
  CHECK(dev_major(34817 + 256 * 0) == 136);
  CHECK(dev_minor(1025) == 1);  // tty1: major 4
  CHECK(dev_major(1025) == 4);
  // pts/300: minor 300 spills into the high minor bits.
  const std::uint64_t pts300 = (136u << 8) | (300u & 0xff) | ((300u & ~0xffu) << 12);
  CHECK(dev_major(pts300) == 136);
  CHECK(dev_minor(pts300) == 300);
}

TEST_CASE("terminal names resolve through /dev, unknown ones are '?'", "[names]") {
  TtyNames names;
  CHECK(names.name(0) == "?");
  // /dev/null is a character device (1,3) but no tty driver claims major 1.
  CHECK(names.name((1u << 8) | 3u) == "?");
  // /dev/tty is (5,0) and the drivers table names it on every Linux system.
  CHECK(names.name(5u << 8) == "tty");
}

TEST_CASE("user and group names come from NSS, numbers when unknown", "[names]") {
  UserNames users;
  GroupNames groups;
  CHECK(users.name(0) == "root");
  CHECK(groups.name(0) == "root");
  CHECK(users.name(3999999) == "3999999");
  CHECK(&users.name(0) == &users.name(0));  // cached
}

namespace {

// A proc root of its own under /tmp with links where devname.c looks.
struct LinkTree {
  std::string root;
  LinkTree() {
    char dir[] = "/tmp/td-tty-names-XXXXXX";
    REQUIRE(::mkdtemp(dir) != nullptr);
    root = dir;
    REQUIRE(::mkdir((root + "/tty").c_str(), 0755) == 0);
    // An empty drivers table: only the links and the well-known majors are left.
    REQUIRE(::close(::open((root + "/tty/drivers").c_str(), O_CREAT | O_WRONLY, 0644)) == 0);
  }
  ~LinkTree() { std::filesystem::remove_all(root); }
  void link(pid_t tid, const char* fd, const std::string& target) const {
    const std::string dir = root + "/" + std::to_string(tid) + "/fd";
    std::filesystem::create_directories(dir);
    REQUIRE(::symlink(target.c_str(), (dir + "/" + fd).c_str()) == 0);
  }
};

constexpr std::uint64_t kDevNull = (1u << 8) | 3u;  // (1,3): no tty driver, no known major

}  // namespace

TEST_CASE("a device nothing names falls back on the task's fd/2, then fd/255", "[names]") {
  LinkTree tree;
  tree.link(42, "2", "/dev/null");
  tree.link(43, "2", "/dev/zero");  // another device: not taken
  tree.link(43, "255", "/dev/null");
  tree.link(44, "2", "/dev/zero");
  TtyNames names(tree.root);
  CHECK(names.name(kDevNull, 42) == "null");
  CHECK(names.name(kDevNull, 43) == "null");
  CHECK(names.name(kDevNull, 44) == "?");
  CHECK(names.name(kDevNull, 45) == "?");  // no such task
  CHECK(names.name(kDevNull) == "?");      // no task given: links are not looked at
  // What one task's links gave is not cached for the device.
  CHECK(names.name(kDevNull, 42) == "null");
  CHECK(names.name(kDevNull, 44) == "?");
}

TEST_CASE("a link target is shown abbreviated and made printable", "[names]") {
  CHECK(abbreviate_tty_path("/dev/pts/3") == "pts/3");
  CHECK(abbreviate_tty_path("/dev/") == "/dev/");
  CHECK(abbreviate_tty_path("/newroot/dev/tty1") == "/newroot/dev/tty1");
  CHECK(abbreviate_tty_path("/dev/a b\tc\n\x7f\xc3\xa9") == "a?b?c????");
}
