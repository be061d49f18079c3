// For a Catch2 test that cannot run here (no root, no io_uring, no pid namespace): say why
// and return. The executable then exits 77, meson's skip status, when nothing failed, so a
// skip is never counted as a pass. Under CI (the CI variable set: CI runs as root with every
// feature the tests need) a skip is a failure instead.
#pragma once

#include <string>

namespace td_test {

void skip_test(const std::string& reason);

// Whether CI is set (and not "false" or "0"): the tests run where every feature they need
// is there, and must not skip.
bool in_ci();

}  // namespace td_test
