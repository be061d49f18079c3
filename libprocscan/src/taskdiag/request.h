// The request that starts a task_diag dump: a 16-byte nlmsghdr followed directly by a
// struct task_diag_pid, 40 bytes in all (reference 3.2). No nlattr wraps the payload.
#pragma once

#include <sys/types.h>

#include <array>
#include <cstddef>
#include <cstdint>

namespace procscan::taskdiag {

inline constexpr std::size_t kRequestSize = 40;
using RequestBuffer = std::array<std::byte, kRequestSize>;

enum class DumpStrategy : std::uint64_t {
  All = 0,                // TASK_DIAG_DUMP_ALL
  One = 1,                // TASK_DIAG_DUMP_ONE
  AllThread = 2,          // TASK_DIAG_DUMP_ALL_THREAD
  Children = 3,           // TASK_DIAG_DUMP_CHILDREN
  Thread = 4,             // TASK_DIAG_DUMP_THREAD
  AllProcessThread = 32,  // TASK_DIAG_DUMP_ALL_PROCESS_THREAD (BPF only)
};

struct Request {
  std::uint64_t show_flags = 0;  // TASK_DIAG_SHOW() bits
  DumpStrategy strategy = DumpStrategy::All;
  pid_t pid = 0;          // ignored by All and AllThread
  std::uint32_t seq = 0;  // echoed in every response message
};

// nlmsg_len equals the bytes written (the kernel trusts the field over the write length);
// type TASK_DIAG_CMD_GET, flags NLM_F_REQUEST | NLM_F_DUMP, nlmsg_pid 0, padding zeroed.
// Little-endian host order, as the kernel reads it.
RequestBuffer encode_request(const Request& request);

}  // namespace procscan::taskdiag
