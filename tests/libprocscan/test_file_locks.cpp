// /proc/locks as lsof reads it (dialects/linux/dnode.c get_locks, check_lock), on captured
// text and on a lock this test takes itself.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sys/sysmacros.h>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "procscan/file_locks.h"

using procscan::FileLocks;

TEST_CASE("captured /proc/locks: whole and ranged locks, waiters skipped, last one wins") {
  std::ifstream in(std::string(TESTS_DATA_DIR) + "/locks/locks.txt");
  std::stringstream text;
  text << in.rdbuf();
  const FileLocks locks = FileLocks::parse(text.str());
  CHECK(locks.locks().size() == 5);  // the "->" waiter is not a held lock
  // Two locks of 1234 on one file: the ranged one listed last.
  CHECK(locks.lock_of(1234, makedev(0xfe, 0), 5308429) == 'w');
  CHECK(locks.lock_of(77, makedev(0, 0x2a), 12) == 'R');
  CHECK(locks.lock_of(78, makedev(0, 0x2a), 12) == ' ');
  CHECK(locks.lock_of(1234, makedev(0xfe, 0), 99) == 'r');
  CHECK(locks.lock_of(1234, makedev(0xfe, 0), 100) == ' ');
}

TEST_CASE("garbage and short lines are skipped") {
  CHECK(FileLocks::parse("").locks().empty());
  CHECK(FileLocks::parse("1: POSIX ADVISORY WRITE x fe:00:1 0 EOF\n").locks().empty());
  CHECK(FileLocks::parse("1: POSIX ADVISORY\n:::::\n").locks().empty());
  CHECK(FileLocks::parse("1: POSIX ADVISORY MAND 1 fe:00:1 0 EOF").locks().empty());
}

TEST_CASE("a lock this process holds shows in /proc/locks") {
  char path[] = "/tmp/td-lock-XXXXXX";
  const int fd = ::mkstemp(path);
  REQUIRE(fd >= 0);
  ::unlink(path);
  struct stat st {};
  REQUIRE(::fstat(fd, &st) == 0);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  const FileLocks locks = FileLocks::read();
  CHECK(locks.lock_of(::getpid(), st.st_dev, st.st_ino) == 'W');
  ::close(fd);
}
