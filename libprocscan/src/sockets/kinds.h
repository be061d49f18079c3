// One row per SocketKind: its /proc/net file, address family, protocol and whether
// sock_diag can dump it. Every reader and decoder takes its facts from here.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <string_view>

#include "procscan/sockets.h"

namespace procscan::sockets {

struct SocketKindInfo {
  SocketKind kind;
  std::string_view name;  // the /proc/net file, and the kind's name in stats
  int family;             // AF_INET, AF_INET6, AF_UNIX, AF_NETLINK, AF_PACKET
  int protocol;           // IPPROTO_* for inet kinds, else 0
  bool sock_diag;         // false: /proc/net only
};

inline constexpr std::array<SocketKindInfo, kSocketKindCount> kSocketKinds = {{
    {SocketKind::Tcp4, "tcp", AF_INET, IPPROTO_TCP, true},
    {SocketKind::Tcp6, "tcp6", AF_INET6, IPPROTO_TCP, true},
    {SocketKind::Udp4, "udp", AF_INET, IPPROTO_UDP, true},
    {SocketKind::Udp6, "udp6", AF_INET6, IPPROTO_UDP, true},
    {SocketKind::UdpLite4, "udplite", AF_INET, IPPROTO_UDPLITE, true},
    {SocketKind::UdpLite6, "udplite6", AF_INET6, IPPROTO_UDPLITE, true},
    {SocketKind::Raw4, "raw", AF_INET, IPPROTO_RAW, true},
    {SocketKind::Raw6, "raw6", AF_INET6, IPPROTO_RAW, true},
    // Ping sockets: no inet_diag handler for ICMP exists.
    {SocketKind::Icmp4, "icmp", AF_INET, IPPROTO_ICMP, false},
    {SocketKind::Icmp6, "icmp6", AF_INET6, IPPROTO_ICMPV6, false},
    {SocketKind::Unix, "unix", AF_UNIX, 0, true},
    {SocketKind::Netlink, "netlink", AF_NETLINK, 0, true},
    {SocketKind::Packet, "packet", AF_PACKET, 0, true},
}};

constexpr bool kinds_in_order() {
  for (int i = 0; i < kSocketKindCount; ++i)
    if (static_cast<int>(kSocketKinds[i].kind) != i || kSocketKinds[i].name.empty()) return false;
  return true;
}
static_assert(kinds_in_order(), "kSocketKinds rows must follow the SocketKind enum");

constexpr const SocketKindInfo& kind_info(SocketKind kind) {
  return kSocketKinds[static_cast<int>(kind)];
}

constexpr bool is_inet_kind(SocketKind kind) {
  int family = kind_info(kind).family;
  return family == AF_INET || family == AF_INET6;
}

}  // namespace procscan::sockets
