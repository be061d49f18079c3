// parse_fdinfo on /proc/PID/fdinfo/N files captured on Linux 6.18 (tests/data/files/NOTES.md)
// and on a hostile one.
#include <catch2/catch.hpp>

#include <fcntl.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "files/parsers.h"

using namespace procscan;
using namespace procscan::files;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(TESTS_DATA_DIR) + "/files/fdinfo/" + name, std::ios::binary);
  INFO("fixture " << name);
  REQUIRE(in.good());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct Parsed {
  FdInfo info;
  std::vector<int> tfds;
  bool ok = false;
};

Parsed parse(const std::string& name) {
  Parsed p;
  p.tfds = {77};  // tfds of an earlier file stay, and this file's follow them
  p.ok = parse_fdinfo(fixture(name), p.info, p.tfds);
  return p;
}

// The kernel's O_LARGEFILE (glibc spells it 0 on 64-bit machines; the kernel forces it on).
constexpr std::uint32_t kKernelLargeFile = 0100000;

}  // namespace

TEST_CASE("fdinfo of regular files: pos, octal flags, mnt_id, ino", "[files][fdinfo]") {
  const Parsed a = parse("regular_append");
  CHECK(a.ok);
  CHECK(a.info.has_pos);
  CHECK(a.info.pos == 10);
  CHECK(a.info.has_flags);
  CHECK(a.info.flags == (O_CLOEXEC | kKernelLargeFile | O_APPEND | O_RDWR));
  CHECK(a.info.mnt_id == 26);
  CHECK(a.info.ino == 10952836);
  CHECK(a.info.eventfd_id == -1);
  CHECK(a.info.pidfd_pid == -1);
  CHECK(a.info.tty_index == -1);
  CHECK(a.info.tfd_count == 0);

  const Parsed r = parse("regular_readonly");
  CHECK(r.info.pos == 3);
  CHECK((r.info.flags & O_ACCMODE) == O_RDONLY);
  const Parsed d = parse("directory");
  CHECK((d.info.flags & O_DIRECTORY) != 0);
  CHECK(parse("memfd").info.pos == 100);
  CHECK(parse("memfd").info.mnt_id == 0);
}

TEST_CASE("fdinfo of pipes, sockets and devices", "[files][fdinfo]") {
  CHECK((parse("pipe_read").info.flags & O_ACCMODE) == O_RDONLY);
  CHECK((parse("pipe_write").info.flags & O_ACCMODE) == O_WRONLY);
  CHECK(parse("pipe_write").info.ino == 5156018);
  CHECK(parse("socket_tcp").info.ino == 5156019);
  CHECK(parse("socket_unix").ok);
  CHECK((parse("chardev").info.flags & O_ACCMODE) == O_WRONLY);
  const Parsed ptmx = parse("ptmx");
  CHECK(ptmx.info.tty_index == 0);
}

TEST_CASE("fdinfo of anonymous inodes: the details lsof names them by", "[files][fdinfo]") {
  const Parsed ev = parse("eventfd");
  CHECK(ev.info.eventfd_id == 2);
  CHECK((ev.info.flags & O_NONBLOCK) != 0);

  const Parsed ep = parse("epoll");
  CHECK(ep.info.first_tfd == 1);
  REQUIRE(ep.info.tfd_count == 2);
  CHECK(ep.tfds == std::vector<int>{77, 5, 8});

  const Parsed pidfd = parse("pidfd");
  CHECK(pidfd.info.pidfd_pid == 1303);

  for (const char* name : {"inotify", "signalfd", "timerfd"}) {
    INFO(name);
    const Parsed p = parse(name);
    CHECK(p.ok);
    CHECK(p.info.mnt_id == 17);
    CHECK(p.info.tfd_count == 0);
    CHECK(p.info.eventfd_id == -1);
    CHECK(p.info.pidfd_pid == -1);
  }
  CHECK(parse("inotify").info.flags == 0);
  CHECK(parse("signalfd").info.flags == O_RDWR);
}

TEST_CASE("hostile fdinfo", "[files][fdinfo]") {
  const Parsed h = parse("hostile");
  CHECK(h.ok);
  CHECK(h.info.pos == 12);
  CHECK(h.info.flags == 0x41);    // strtoul base 0: 0x is hex
  CHECK(h.info.mnt_id == -1);     // "-3" and 2147483648 are not an int's
  CHECK(h.info.pidfd_pid == 42);  // "-1" refused; the second Pid line's first token counts
  CHECK(h.info.eventfd_id == 0x1f);
  CHECK(h.info.tty_index == -1);                // "08" is not octal; an empty value is no value
  CHECK(h.info.ino == 0);                       // a NUL is not a number
  CHECK(h.tfds == std::vector<int>{77, 7, 3});  // 99999999999 does not fit

  SECTION("empty and valueless text") {
    FdInfo info;
    std::vector<int> tfds;
    CHECK_FALSE(parse_fdinfo("", info, tfds));
    CHECK_FALSE(parse_fdinfo("pos:\nflags:\t\n", info, tfds));
    CHECK_FALSE(info.has_pos);
    CHECK(parse_fdinfo("pos:\t0", info, tfds));  // no final newline
    CHECK(info.has_pos);
  }
}
