// The shared main of the Catch2 unit tests: Catch's own, except that a run in which a test
// skipped (test_skip.h) and nothing failed exits 77, which meson reports as a skip.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>

#include "test_skip.h"

namespace {

bool g_skipped = false;

}  // namespace

namespace td_test {

bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && *ci != '\0' && std::strcmp(ci, "false") != 0 && std::strcmp(ci, "0") != 0;
}

void skip_test(const std::string& reason) {
  if (in_ci()) FAIL("cannot run under CI, where it must: " << reason);
  WARN("SKIPPED: " << reason);
  g_skipped = true;
}

}  // namespace td_test

int main(int argc, char** argv) {
  const int failed = Catch::Session().run(argc, argv);
  if (failed == 0 && g_skipped) return 77;
  return failed;
}
