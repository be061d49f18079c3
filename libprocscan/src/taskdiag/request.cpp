#include "taskdiag/request.h"

#include <linux/netlink.h>

#include <cstring>

#include "taskdiag/task_diag_abi.h"

namespace procscan::taskdiag {

namespace {
template <typename T>
void put(RequestBuffer& out, std::size_t offset, T value) {
  std::memcpy(out.data() + offset, &value, sizeof value);
}
}  // namespace

RequestBuffer encode_request(const Request& request) {
  RequestBuffer out{};
  put<std::uint32_t>(out, 0, kRequestSize);
  put<std::uint16_t>(out, 4, TASK_DIAG_CMD_GET);
  put<std::uint16_t>(out, 6, NLM_F_REQUEST | NLM_F_DUMP);
  put<std::uint32_t>(out, 8, request.seq);
  put<std::uint32_t>(out, 12, 0);
  put<std::uint64_t>(out, 16, request.show_flags);
  put<std::uint64_t>(out, 24, static_cast<std::uint64_t>(request.strategy));
  put<std::uint32_t>(out, 32, static_cast<std::uint32_t>(request.pid));
  static_assert(sizeof(task_diag_pid) + sizeof(nlmsghdr) == kRequestSize);
  return out;
}

}  // namespace procscan::taskdiag
