#include "proc_events.h"

#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace procscan {

namespace {

// Offsets of the kernel's structures inside a datagram, read with memcpy: after the 16-byte
// nlmsghdr, a cn_msg, then the proc_event, whose u64 timestamp leaves it unaligned here.
constexpr std::size_t kCnMsgSize = sizeof(cn_msg);
constexpr std::size_t kEventWhat = 0;
constexpr std::size_t kEventData = offsetof(proc_event, event_data);
// In event_data: fork has parent pid and tgid, then child pid and tgid; exec and exit start
// with the task's pid and tgid.
using EventData = decltype(proc_event::event_data);
constexpr std::size_t kForkChild = offsetof(EventData, fork.child_pid);
constexpr std::size_t kForkSize = sizeof(EventData::fork_proc_event);
static_assert(offsetof(EventData, fork.child_tgid) == kForkChild + sizeof(__kernel_pid_t));
static_assert(offsetof(EventData, exec.process_tgid) == sizeof(__kernel_pid_t));
static_assert(offsetof(EventData, exit.process_tgid) == sizeof(__kernel_pid_t));

template <typename T>
T load(const std::byte* at) {
  T value;
  std::memcpy(&value, at, sizeof value);
  return value;
}

// The cn_msg `ack` our subscription carries; the kernel answers with ack + 1.
constexpr std::uint32_t kSubscribeAck = 0x7464'7073;  // "tdps"

std::uint32_t expected_answer() {
  return kSubscribeAck + 1;
}

bool send_mcast_op(int fd, proc_cn_mcast_op op) {
  // nlmsghdr, cn_msg (whose data[] is the op), the op: built byte by byte, as cn_msg ends
  // in a flexible array.
  std::byte request[NLMSG_HDRLEN + sizeof(cn_msg) + sizeof op]{};
  nlmsghdr header{};
  header.nlmsg_len = sizeof request;
  header.nlmsg_type = NLMSG_DONE;
  cn_msg message{};
  message.id.idx = CN_IDX_PROC;
  message.id.val = CN_VAL_PROC;
  message.ack = kSubscribeAck;
  message.len = sizeof op;
  std::memcpy(request, &header, sizeof header);
  std::memcpy(request + NLMSG_HDRLEN, &message, sizeof message);
  std::memcpy(request + NLMSG_HDRLEN + sizeof message, &op, sizeof op);
  return ::send(fd, request, sizeof request, 0) == static_cast<ssize_t>(sizeof request);
}

long long now_ms() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

}  // namespace

ProcEventNotes parse_proc_events(std::span<const std::byte> datagram, std::vector<ProcEvent>& out) {
  ProcEventNotes notes;
  std::size_t at = 0;
  while (datagram.size() - at >= sizeof(nlmsghdr)) {
    const auto header = load<nlmsghdr>(datagram.data() + at);
    if (header.nlmsg_len < sizeof(nlmsghdr) || header.nlmsg_len > datagram.size() - at) {
      notes.malformed = true;
      break;
    }
    const std::byte* payload = datagram.data() + at + NLMSG_HDRLEN;
    const std::size_t payload_size = header.nlmsg_len - NLMSG_HDRLEN;
    // The last message's padding may be missing from the datagram.
    at = std::min<std::size_t>(datagram.size(), at + NLMSG_ALIGN(header.nlmsg_len));
    if (header.nlmsg_type == NLMSG_NOOP) continue;
    if (payload_size < kCnMsgSize) {
      notes.malformed = true;
      continue;
    }
    const auto message = load<cn_msg>(payload);
    if (message.id.idx != CN_IDX_PROC || message.id.val != CN_VAL_PROC) continue;
    const std::byte* event = payload + kCnMsgSize;
    const std::size_t event_size = std::min<std::size_t>(message.len, payload_size - kCnMsgSize);
    if (event_size < kEventData + 2 * sizeof(__kernel_pid_t)) {
      notes.malformed = true;
      continue;
    }
    const auto what = load<std::uint32_t>(event + kEventWhat);
    const std::byte* data = event + kEventData;
    switch (what) {
      case proc_event::PROC_EVENT_NONE:
        if (message.ack == expected_answer()) {
          notes.acknowledged = true;
          notes.ack_error = load<std::uint32_t>(data);
        }
        break;
      case proc_event::PROC_EVENT_FORK:
        if (event_size < kEventData + kForkSize) {
          notes.malformed = true;
          break;
        }
        out.push_back({ProcEvent::Kind::Fork, load<__kernel_pid_t>(data + kForkChild),
                       load<__kernel_pid_t>(data + kForkChild + sizeof(__kernel_pid_t))});
        break;
      case proc_event::PROC_EVENT_EXEC:
        out.push_back({ProcEvent::Kind::Exec, load<__kernel_pid_t>(data),
                       load<__kernel_pid_t>(data + sizeof(__kernel_pid_t))});
        break;
      case proc_event::PROC_EVENT_EXIT:
        out.push_back({ProcEvent::Kind::Exit, load<__kernel_pid_t>(data),
                       load<__kernel_pid_t>(data + sizeof(__kernel_pid_t))});
        break;
      default:
        break;
    }
  }
  return notes;
}

std::unique_ptr<ProcEventListener> ProcEventListener::open(int& error, int ack_timeout_ms) {
  UniqueFd fd(::socket(PF_NETLINK, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_CONNECTOR));
  if (!fd) {
    error = errno;
    return nullptr;
  }
  // Room for bursts between two refreshes: a fork storm fills the default buffer in
  // milliseconds. FORCE works with CAP_NET_ADMIN, which listening needs anyway.
  const int room = 8 << 20;
  if (::setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUFFORCE, &room, sizeof room) != 0)
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &room, sizeof room);
  sockaddr_nl address{};
  address.nl_family = AF_NETLINK;
  address.nl_groups = CN_IDX_PROC;
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      !send_mcast_op(fd.get(), PROC_CN_MCAST_LISTEN)) {
    error = errno;
    return nullptr;
  }
  std::unique_ptr<ProcEventListener> listener(new ProcEventListener(std::move(fd)));
  // Events before the acknowledgement are dropped: a caller lists /proc after opening anyway.
  std::vector<ProcEvent> ignored;
  const long long deadline = now_ms() + ack_timeout_ms;
  std::vector<std::byte> buffer(8192);
  for (;;) {
    const ssize_t n = ::recv(listener->fd(), buffer.data(), buffer.size(), 0);
    if (n > 0) {
      const ProcEventNotes notes =
          parse_proc_events({buffer.data(), static_cast<std::size_t>(n)}, ignored);
      if (notes.acknowledged) {
        if (notes.ack_error != 0) {
          error = static_cast<int>(notes.ack_error);
          return nullptr;
        }
        return listener;
      }
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR && errno != ENOBUFS) {
      error = errno;
      return nullptr;
    }
    const long long left = deadline - now_ms();
    if (left <= 0) break;
    pollfd wait{listener->fd(), POLLIN, 0};
    ::poll(&wait, 1, static_cast<int>(left));
  }
  // No answer: the kernel ignores subscribers outside the initial pid and user namespaces.
  error = ENOTSUP;
  return nullptr;
}

ProcEventListener::~ProcEventListener() {
  if (fd_) send_mcast_op(fd_.get(), PROC_CN_MCAST_IGNORE);
}

bool ProcEventListener::drain(std::vector<ProcEvent>& out) {
  bool complete = true;
  if (buffer_.empty()) buffer_.resize(8192);
  for (;;) {
    const ssize_t n = ::recv(fd_.get(), buffer_.data(), buffer_.size(), MSG_DONTWAIT);
    if (n > 0) {
      if (parse_proc_events({buffer_.data(), static_cast<std::size_t>(n)}, out).malformed)
        complete = false;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == ENOBUFS) {
      complete = false;
      continue;
    }
    return complete && !(n < 0 && errno != EAGAIN);
  }
}

}  // namespace procscan
