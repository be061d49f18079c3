// undelivered(): which processes of a proc root listing a dump left out.
#include <catch2/catch.hpp>
#include <vector>

#include "taskdiag/reconcile.h"

using procscan::taskdiag::undelivered;

TEST_CASE("undelivered keeps the listed ids the dump lacks, in listing order") {
  const std::vector<pid_t> listed = {1, 2, 3, 10, 11, 500};
  CHECK(undelivered({2, 3, 11}, listed) == std::vector<pid_t>{1, 10, 500});
  // Threads of one process repeat its tgid; order and duplicates do not matter.
  CHECK(undelivered({500, 3, 3, 3, 2, 1, 11, 10}, listed).empty());
  CHECK(undelivered({}, listed) == listed);
  // Delivered tasks that /proc no longer lists are not our business here.
  CHECK(undelivered({7, 8}, std::vector<pid_t>{7}).empty());
}

TEST_CASE("undelivered honours a pid list") {
  const std::vector<pid_t> listed = {1, 2, 3, 10};
  const std::vector<pid_t> only = {1, 10, 99};
  CHECK(undelivered({10}, listed, &only) == std::vector<pid_t>{1});
  CHECK(undelivered({1, 10}, listed, &only).empty());
}
