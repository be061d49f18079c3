// The LXC container name as readproc.c lxc_containers finds it in /proc/PID/cgroup text.
#include <catch2/catch.hpp>

#include "procps_items.h"

using td::common::lxc_name;

TEST_CASE("lxc names come from the last delimiter on the first line that has one", "[lxc]") {
  CHECK(lxc_name("0::/user.slice/session-2.scope\n") == "-");
  CHECK(lxc_name("") == "-");
  CHECK(lxc_name("0::/lxc.payload.web/init.scope\n") == "web");
  CHECK(lxc_name("10:cpuset:/lxc/lxc-P/lxc/lxc-P-nested\n") == "lxc-P-nested");
  CHECK(lxc_name("10:cpuset:/lxc/lxc-P/lxc/lxc-P-nested/MY-NEW-CGROUP\n") == "lxc-P-nested");
  CHECK(lxc_name("2:name=systemd:/\n1:cpuset,cpu:/lxc/lxc-P\n") == "lxc-P");
  // lxc.payload. is looked for first, anywhere in the file, before lxc.payload/ and lxc/.
  CHECK(lxc_name("1:cpu:/lxc/old\n0::/lxc.payload.new/x\n") == "new");
  CHECK(lxc_name("0::/lxc.payload/mid/lxc.payload/inner\n") == "inner");
  // A delimiter at the very end leaves an empty name, as in ps.
  CHECK(lxc_name("0::/lxc/") == "");
}
