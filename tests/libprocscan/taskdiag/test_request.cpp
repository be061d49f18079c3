// The request encoder against whole buffers written out from reference 3.2.
#include <catch2/catch.hpp>
#include <vector>

#include "taskdiag/request.h"
#include "taskdiag/task_diag_abi.h"

using namespace procscan::taskdiag;

namespace {
std::vector<unsigned> as_numbers(const RequestBuffer& buffer) {
  std::vector<unsigned> out;
  for (std::byte b : buffer)
    out.push_back(static_cast<unsigned>(b));
  return out;
}
}  // namespace

TEST_CASE("DUMP_ONE of pid 1234 with BASE, CRED and STAT", "[taskdiag][request]") {
  const Request request{TASK_DIAG_SHOW(TASK_DIAG_BASE) | TASK_DIAG_SHOW(TASK_DIAG_CRED) |
                            TASK_DIAG_SHOW(TASK_DIAG_STAT),
                        DumpStrategy::One, 1234, 7};
  const std::vector<unsigned> expected = {
      40,   0,    0, 0,  // nlmsg_len 40: the bytes written
      0x01, 0xD1,        // nlmsg_type TASK_DIAG_CMD_GET
      0x01, 0x03,        // nlmsg_flags NLM_F_REQUEST | NLM_F_DUMP (ignored by the kernel)
      7,    0,    0, 0,  // nlmsg_seq
      0,    0,    0, 0,  // nlmsg_pid
      0x13, 0,    0, 0, 0, 0, 0, 0,  // show_flags bits 0, 1, 4
      1,    0,    0, 0, 0, 0, 0, 0,  // dump_strategy ONE
      0xD2, 0x04, 0, 0,              // pid 1234
      0,    0,    0, 0,              // padding
  };
  CHECK(as_numbers(encode_request(request)) == expected);
}

TEST_CASE("ALL_THREAD with STATM, CMDLINE and the extension bits", "[taskdiag][request]") {
  const Request request{TASK_DIAG_SHOW(TASK_DIAG_BASE) | TASK_DIAG_SHOW(TASK_DIAG_STATM) |
                            TASK_DIAG_SHOW(TASK_DIAG_CMDLINE) |
                            TASK_DIAG_SHOW(TASK_DIAG_EXT_SCHED) | TASK_DIAG_SHOW(TASK_DIAG_EXT_MM),
                        DumpStrategy::AllThread, 99, 0x01020304};
  // The bytes laid out by field.
  // clang-format off
  const std::vector<unsigned> expected = {
      40, 0, 0, 0,    0x01, 0xD1, 0x01, 0x03, 4, 3, 2, 1, 0,
      0,  0, 0, 0x61, 0,    0,    0,    0x05, 0, 0, 0,  // bits 0, 5, 6; bits 32 and 34 in the fifth
                                                        // byte
      2,  0, 0, 0,    0,    0,    0,    0,              // ALL_THREAD
      99, 0, 0, 0,  // pid is sent even though ALL_THREAD ignores it
      0,  0, 0, 0,
  };
  // clang-format on
  CHECK(as_numbers(encode_request(request)) == expected);
}

TEST_CASE("every dump strategy has the reference's number", "[taskdiag][request]") {
  const std::pair<DumpStrategy, unsigned> strategies[] = {
      {DumpStrategy::All, TASK_DIAG_DUMP_ALL},
      {DumpStrategy::One, TASK_DIAG_DUMP_ONE},
      {DumpStrategy::AllThread, TASK_DIAG_DUMP_ALL_THREAD},
      {DumpStrategy::Children, TASK_DIAG_DUMP_CHILDREN},
      {DumpStrategy::Thread, TASK_DIAG_DUMP_THREAD}};
  for (const auto& [strategy, number] : strategies) {
    const auto bytes = encode_request({0, strategy, 5, 0});
    CHECK(static_cast<unsigned>(bytes[24]) == number);
  }
  CHECK(TASK_DIAG_DUMP_ALL == 0);
  CHECK(TASK_DIAG_DUMP_ONE == 1);
  CHECK(TASK_DIAG_DUMP_ALL_THREAD == 2);
  CHECK(TASK_DIAG_DUMP_CHILDREN == 3);
  CHECK(TASK_DIAG_DUMP_THREAD == 4);
}
