// Births, execs and exits of tasks as the kernel announces them through the proc connector
// (NETLINK_CONNECTOR, CN_IDX_PROC), so that a refresh need not list /proc again to learn
// which processes are new (reference/fast_interfaces.md, the proc connector).
//
// The kernel reports every task of the machine with pids of the initial pid namespace, and
// silently ignores a subscription from any other pid or user namespace: open() waits for the
// kernel's acknowledgement and refuses when it does not come, so a listener inside a
// container is never mistaken for a quiet machine.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "util/unique_fd.h"

namespace procscan {

struct ProcEvent {
  enum class Kind : std::uint8_t { Fork, Exec, Exit };
  Kind kind;
  pid_t pid;   // the task (for Fork: the new child)
  pid_t tgid;  // its thread group
};

// What parse_proc_events found in one datagram besides events.
struct ProcEventNotes {
  bool acknowledged = false;  // a PROC_EVENT_NONE answer to our subscription
  std::uint32_t ack_error = 0;
  bool malformed = false;  // a message shorter than it claims; the rest was skipped
};

// Appends the fork, exec and exit events of one datagram (one or more netlink messages, each
// a cn_msg holding a proc_event) to `out`; other event kinds are skipped.
ProcEventNotes parse_proc_events(std::span<const std::byte> datagram, std::vector<ProcEvent>& out);

class ProcEventListener {
 public:
  // Subscribes, and waits up to `ack_timeout_ms` for the kernel to acknowledge it. nullptr
  // with `error` set when it cannot listen: EPERM without CAP_NET_ADMIN, EPROTONOSUPPORT
  // without the connector, ENOTSUP outside the initial pid namespace (no acknowledgement).
  static std::unique_ptr<ProcEventListener> open(int& error, int ack_timeout_ms = 200);
  ~ProcEventListener();  // unsubscribes
  ProcEventListener(const ProcEventListener&) = delete;
  ProcEventListener& operator=(const ProcEventListener&) = delete;

  // Appends every event that arrived since the last call, without blocking. Returns false
  // when events were lost since the last call (the socket overflowed: ENOBUFS): the caller
  // must then list /proc again to know which tasks exist.
  bool drain(std::vector<ProcEvent>& out);

  int fd() const { return fd_.get(); }

 private:
  explicit ProcEventListener(UniqueFd fd) : fd_(std::move(fd)) {}
  UniqueFd fd_;
  std::vector<std::byte> buffer_;
};

}  // namespace procscan
