// sock_diag requests and replies: inet_diag (TCP, UDP, UDP-lite, raw over IPv4 and IPv6),
// unix_diag, netlink_diag, packet_diag. Messages are copied out with memcpy: a captured
// reply in a test buffer has no alignment promise.
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/packet_diag.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/tcp.h>

#include <cstring>

#include "sockets/decoders.h"
#include "sockets/kinds.h"

namespace procscan::sockets {
namespace {

// Kernel sk_state values (include/net/tcp_states.h) that the decoders translate.
constexpr std::uint8_t kTcpEstablished = 1;
constexpr std::uint8_t kTcpListen = 10;
// include/uapi/linux/net.h socket_state values, as /proc/net/unix prints them.
constexpr std::uint8_t kSsUnconnected = 1;
constexpr std::uint8_t kSsConnected = 3;

template <typename T>
bool read_struct(std::span<const std::byte> bytes, T& out) {
  if (bytes.size() < sizeof(T)) return false;
  std::memcpy(&out, bytes.data(), sizeof(T));
  return true;
}

std::uint32_t read_u32(std::span<const std::byte> bytes) {
  std::uint32_t v = 0;
  std::memcpy(&v, bytes.data(), sizeof v);
  return v;
}

// Calls `visit(type, payload)` for each attribute of `bytes`; stops at a cut-short one.
template <typename Visit>
void for_each_attribute(std::span<const std::byte> bytes, Visit visit) {
  while (bytes.size() >= sizeof(struct rtattr)) {
    struct rtattr attr;
    std::memcpy(&attr, bytes.data(), sizeof attr);
    if (attr.rta_len < sizeof attr || attr.rta_len > bytes.size()) return;
    visit(attr.rta_type, bytes.subspan(RTA_LENGTH(0), attr.rta_len - RTA_LENGTH(0)));
    std::size_t step = RTA_ALIGN(attr.rta_len);
    if (step >= bytes.size()) return;
    bytes = bytes.subspan(step);
  }
}

bool decode_inet(std::span<const std::byte> payload, SocketKind kind, SocketTable::Builder& out) {
  struct inet_diag_msg msg;
  if (!read_struct(payload, msg) || msg.idiag_family != kind_info(kind).family) return false;
  Socket s;
  s.kind = kind;
  s.inode = msg.idiag_inode;
  s.state = msg.idiag_state;
  s.address_length = msg.idiag_family == AF_INET ? 4 : 16;
  std::memcpy(s.local.data(), msg.id.idiag_src, s.address_length);
  std::memcpy(s.remote.data(), msg.id.idiag_dst, s.address_length);
  s.local_port = ntohs(msg.id.idiag_sport);
  s.remote_port = ntohs(msg.id.idiag_dport);
  s.rx_queue = msg.idiag_rqueue;
  // A TCP listener's idiag_wqueue is its backlog limit; /proc/net/tcp (and so lsof's QS)
  // shows write_seq - snd_una there, which is 0 for a socket that never sent.
  s.tx_queue =
      kind_info(kind).protocol == IPPROTO_TCP && s.state == kTcpListen ? 0 : msg.idiag_wqueue;
  s.queues_known = true;
  s.uid = msg.idiag_uid;
  out.add(s);
  return true;
}

bool decode_unix(std::span<const std::byte> payload, SocketTable::Builder& out) {
  struct unix_diag_msg msg;
  if (!read_struct(payload, msg) || msg.udiag_family != AF_UNIX) return false;
  Socket s;
  s.kind = SocketKind::Unix;
  s.inode = msg.udiag_ino;
  s.type = msg.udiag_type;
  s.state = msg.udiag_state;
  s.listening = msg.udiag_state == kTcpListen;
  // /proc/net/unix's St for a socket that has a struct socket (any socket in a descriptor).
  s.socket_state = msg.udiag_state == kTcpEstablished ? kSsConnected : kSsUnconnected;
  s.peer_known = true;
  std::string_view name;
  std::vector<std::uint32_t> pending;
  for_each_attribute(payload.subspan(sizeof msg), [&](unsigned type, std::span<const std::byte> p) {
    switch (type) {
      case UNIX_DIAG_NAME:
        name = {reinterpret_cast<const char*>(p.data()), p.size()};
        // A path's bound address counts its NUL; /proc/net/unix drops it, as we do. An
        // abstract name (leading NUL) is all bytes.
        if (!name.empty() && name[0] != '\0' && name.back() == '\0') name.remove_suffix(1);
        break;
      case UNIX_DIAG_PEER:
        if (p.size() >= 4) s.peer_inode = read_u32(p);
        break;
      case UNIX_DIAG_ICONS:
        for (std::size_t i = 0; i + 4 <= p.size(); i += 4)
          pending.push_back(read_u32(p.subspan(i)));
        break;
      case UNIX_DIAG_RQLEN: {
        struct unix_diag_rqlen q;
        if (read_struct(p, q)) {
          s.rx_queue = q.udiag_rqueue;
          s.tx_queue = q.udiag_wqueue;
          s.queues_known = true;
        }
        break;
      }
      default:
        break;
    }
  });
  out.add(s, name, pending);
  return true;
}

bool decode_netlink(std::span<const std::byte> payload, SocketTable::Builder& out) {
  struct netlink_diag_msg msg;
  if (!read_struct(payload, msg) || msg.ndiag_family != AF_NETLINK) return false;
  Socket s;
  s.kind = SocketKind::Netlink;
  s.inode = msg.ndiag_ino;
  s.protocol = msg.ndiag_protocol;
  s.portid = msg.ndiag_portid;
  s.dst_portid = msg.ndiag_dst_portid;
  out.add(s);
  return true;
}

bool decode_packet(std::span<const std::byte> payload, SocketTable::Builder& out) {
  struct packet_diag_msg msg;
  if (!read_struct(payload, msg) || msg.pdiag_family != AF_PACKET) return false;
  Socket s;
  s.kind = SocketKind::Packet;
  s.inode = msg.pdiag_ino;
  s.type = msg.pdiag_type;
  s.protocol = msg.pdiag_num;  // the kernel sends ntohs(po->num): host order already
  for_each_attribute(payload.subspan(sizeof msg), [&](unsigned type, std::span<const std::byte> p) {
    struct packet_diag_info info;
    if (type == PACKET_DIAG_INFO && read_struct(p, info)) s.portid = info.pdi_index;
    if (type == PACKET_DIAG_UID && p.size() >= 4) s.uid = read_u32(p);
  });
  out.add(s);
  return true;
}

template <typename Request>
std::vector<std::byte> with_header(const Request& request) {
  struct nlmsghdr header {};
  header.nlmsg_len = NLMSG_LENGTH(sizeof request);
  header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  header.nlmsg_seq = 1;
  std::vector<std::byte> bytes(NLMSG_SPACE(sizeof request));
  std::memcpy(bytes.data(), &header, sizeof header);
  std::memcpy(bytes.data() + NLMSG_HDRLEN, &request, sizeof request);
  return bytes;
}

}  // namespace

bool has_sock_diag(SocketKind kind) {
  return kind_info(kind).sock_diag;
}

std::vector<std::byte> sock_diag_request(SocketKind kind) {
  const SocketKindInfo& info = kind_info(kind);
  switch (info.family) {
    case AF_UNIX: {
      struct unix_diag_req r {};
      r.sdiag_family = AF_UNIX;
      r.udiag_states = ~0u;
      r.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_ICONS | UDIAG_SHOW_RQLEN;
      return with_header(r);
    }
    case AF_NETLINK: {
      struct netlink_diag_req r {};
      r.sdiag_family = AF_NETLINK;
      r.sdiag_protocol = NDIAG_PROTO_ALL;
      return with_header(r);
    }
    case AF_PACKET: {
      struct packet_diag_req r {};
      r.sdiag_family = AF_PACKET;
      r.pdiag_show = PACKET_SHOW_INFO;
      return with_header(r);
    }
    default: {
      // Raw sockets of every protocol: the raw dump does not filter on sdiag_raw_protocol.
      struct inet_diag_req_v2 r {};
      r.sdiag_family = static_cast<std::uint8_t>(info.family);
      r.sdiag_protocol = static_cast<std::uint8_t>(info.protocol);
      r.idiag_states = ~0u;
      return with_header(r);
    }
  }
}

DiagChunk decode_sock_diag(std::span<const std::byte> bytes, SocketKind kind,
                           SocketTable::Builder& out) {
  DiagChunk chunk;
  const int family = kind_info(kind).family;
  while (bytes.size() >= NLMSG_HDRLEN) {
    struct nlmsghdr header;
    std::memcpy(&header, bytes.data(), sizeof header);
    if (header.nlmsg_len < NLMSG_HDRLEN || header.nlmsg_len > bytes.size()) {
      chunk.malformed = true;
      return chunk;
    }
    std::span<const std::byte> payload =
        bytes.subspan(NLMSG_HDRLEN, header.nlmsg_len - NLMSG_HDRLEN);
    if (header.nlmsg_type == NLMSG_DONE) {
      // A dump whose family or protocol has no handler ends at once with DONE carrying
      // -ENOENT (raw sockets without raw_diag), not with NLMSG_ERROR.
      chunk.done = true;
      std::int32_t status = 0;
      if (read_struct(payload, status) && status < 0) chunk.error = -status;
      return chunk;
    }
    if (header.nlmsg_type == NLMSG_ERROR) {
      struct nlmsgerr err;
      chunk.error = read_struct(payload, err) && err.error < 0 ? -err.error : EPROTO;
      return chunk;
    }
    if (header.nlmsg_type == SOCK_DIAG_BY_FAMILY) {
      bool ok = family == AF_UNIX      ? decode_unix(payload, out)
                : family == AF_NETLINK ? decode_netlink(payload, out)
                : family == AF_PACKET  ? decode_packet(payload, out)
                                       : decode_inet(payload, kind, out);
      if (!ok) chunk.malformed = true;
    }
    std::size_t step = NLMSG_ALIGN(header.nlmsg_len);
    bytes = step >= bytes.size() ? std::span<const std::byte>{} : bytes.subspan(step);
  }
  if (!bytes.empty()) chunk.malformed = true;  // a piece shorter than a header
  return chunk;
}

}  // namespace procscan::sockets
