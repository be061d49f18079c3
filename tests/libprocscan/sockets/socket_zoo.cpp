#include "socket_zoo.h"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace td_test {
namespace {

using procscan::SocketKind;

constexpr std::uint8_t kEstablished = 1, kClose = 7, kListen = 10;

std::uint64_t inode_of(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw std::runtime_error("fstat failed");
  return st.st_ino;
}

std::uint16_t port_of(int fd) {
  sockaddr_storage a{};
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  if (a.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&a)->sin_port);
  return ntohs(reinterpret_cast<sockaddr_in6*>(&a)->sin6_port);
}

sockaddr_storage loopback(int family, std::uint16_t port, bool any = false) {
  sockaddr_storage a{};
  if (family == AF_INET) {
    auto* v4 = reinterpret_cast<sockaddr_in*>(&a);
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    v4->sin_addr.s_addr = htonl(any ? INADDR_ANY : INADDR_LOOPBACK);
  } else {
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&a);
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    v6->sin6_addr = any ? in6addr_any : in6addr_loopback;
  }
  return a;
}

socklen_t length_of(const sockaddr_storage& a) {
  return a.ss_family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
}

void check(int rc, const char* what) {
  if (rc < 0) throw std::runtime_error(std::string(what) + ": " + std::strerror(errno));
}

sockaddr_un unix_address(const std::string& path, socklen_t& len) {
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::memcpy(a.sun_path, path.data(), path.size());
  len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size() +
                               (path[0] == '\0' ? 0 : 1));
  return a;
}

}  // namespace

SocketZoo::SocketZoo(const std::string& directory) {
  // The reference is good until the next add.
  auto add = [&](std::string label, SocketKind kind, int fd, int type,
                 std::uint8_t state) -> ZooSocket& {
    ZooSocket z;
    z.label = std::move(label);
    z.kind = kind;
    z.fd = fd;
    z.inode = inode_of(fd);
    z.type = static_cast<std::uint8_t>(type);
    z.state = state;
    sockets.push_back(std::move(z));
    return sockets.back();
  };
  auto open = [&](const char* label, int domain, int type, int protocol) {
    int fd = ::socket(domain, type | SOCK_CLOEXEC, protocol);
    if (fd < 0) skipped.push_back(std::string(label) + ": " + std::strerror(errno));
    return fd;
  };

  // TCP: a listener, a client connected to it and the accepted end, over IPv4 and IPv6; a
  // dual-stack IPv6 listener whose accepted end from an IPv4 client is IPv4-mapped.
  struct TcpCase {
    const char* name;
    int family;
    bool dual_stack;
  };
  for (TcpCase c : {TcpCase{"tcp4", AF_INET, false}, TcpCase{"tcp6", AF_INET6, false},
                    TcpCase{"tcp6mapped", AF_INET6, true}}) {
    SocketKind kind = c.family == AF_INET ? SocketKind::Tcp4 : SocketKind::Tcp6;
    int listener = open(c.name, c.family, SOCK_STREAM, 0);
    if (listener < 0) continue;
    if (c.dual_stack) {
      int off = 0;
      check(::setsockopt(listener, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off), "v6only");
    }
    sockaddr_storage a = loopback(c.family, 0, c.dual_stack);
    check(::bind(listener, reinterpret_cast<sockaddr*>(&a), length_of(a)), "bind tcp");
    check(::listen(listener, 8), "listen");
    ZooSocket& l = add(std::string(c.name) + "_listen", kind, listener, SOCK_STREAM, kListen);
    l.local_port = port_of(listener);
    int client_family = c.dual_stack ? AF_INET : c.family;
    int client = ::socket(client_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_storage to = loopback(client_family, l.local_port);
    check(::connect(client, reinterpret_cast<sockaddr*>(&to), length_of(to)), "connect tcp");
    int accepted = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    check(accepted, "accept");
    std::uint16_t listen_port = l.local_port;
    ZooSocket& cl = add(std::string(c.name) + "_client",
                        client_family == AF_INET ? SocketKind::Tcp4 : SocketKind::Tcp6, client,
                        SOCK_STREAM, kEstablished);
    cl.local_port = port_of(client);
    cl.remote_port = listen_port;
    std::uint16_t client_port = cl.local_port;
    std::uint64_t client_inode = cl.inode;
    ZooSocket& ac =
        add(std::string(c.name) + "_accepted", kind, accepted, SOCK_STREAM, kEstablished);
    ac.local_port = listen_port;
    ac.remote_port = client_port;
    if (!c.dual_stack) {
      ac.peer_inode = client_inode;
      sockets[sockets.size() - 2].peer_inode = ac.inode;
    }
  }

  // UDP and UDP-lite: a bound socket and, for UDP, one connected to it.
  struct UdpCase {
    const char* name;
    int family;
    int protocol;
    SocketKind kind;
  };
  for (UdpCase c : {UdpCase{"udp4", AF_INET, IPPROTO_UDP, SocketKind::Udp4},
                    UdpCase{"udp6", AF_INET6, IPPROTO_UDP, SocketKind::Udp6},
                    UdpCase{"udplite4", AF_INET, IPPROTO_UDPLITE, SocketKind::UdpLite4},
                    UdpCase{"udplite6", AF_INET6, IPPROTO_UDPLITE, SocketKind::UdpLite6}}) {
    int fd = open(c.name, c.family, SOCK_DGRAM, c.protocol);
    if (fd < 0) continue;
    sockaddr_storage a = loopback(c.family, 0);
    check(::bind(fd, reinterpret_cast<sockaddr*>(&a), length_of(a)), "bind udp");
    ZooSocket& b = add(std::string(c.name) + "_bound", c.kind, fd, SOCK_DGRAM, kClose);
    b.local_port = port_of(fd);
    std::uint16_t bound_port = b.local_port;
    if (c.protocol != IPPROTO_UDP) continue;
    int conn = ::socket(c.family, SOCK_DGRAM | SOCK_CLOEXEC, c.protocol);
    sockaddr_storage to = loopback(c.family, bound_port);
    check(::connect(conn, reinterpret_cast<sockaddr*>(&to), length_of(to)), "connect udp");
    ZooSocket& cn = add(std::string(c.name) + "_connected", c.kind, conn, SOCK_DGRAM, kEstablished);
    cn.local_port = port_of(conn);
    cn.remote_port = bound_port;
  }

  // Raw and ping sockets (CAP_NET_RAW; ping sockets need ping_group_range).
  if (int fd = open("raw4", AF_INET, SOCK_RAW, IPPROTO_ICMP); fd >= 0) {
    ZooSocket& z = add("raw4", SocketKind::Raw4, fd, SOCK_RAW, kClose);
    z.local_port = IPPROTO_ICMP;
  }
  if (int fd = open("raw6", AF_INET6, SOCK_RAW, IPPROTO_ICMPV6); fd >= 0) {
    ZooSocket& z = add("raw6", SocketKind::Raw6, fd, SOCK_RAW, kClose);
    z.local_port = IPPROTO_ICMPV6;
  }
  // A ping socket is in /proc/net/icmp only once bound (its ident is the port).
  auto bind_ping = [](int fd, int family) {
    sockaddr_storage a = loopback(family, 0);
    check(::bind(fd, reinterpret_cast<sockaddr*>(&a), length_of(a)), "bind ping");
    return true;
  };
  if (int fd = open("icmp4", AF_INET, SOCK_DGRAM, IPPROTO_ICMP); fd >= 0 && bind_ping(fd, AF_INET))
    add("icmp4", SocketKind::Icmp4, fd, SOCK_DGRAM, 0);
  if (int fd = open("icmp6", AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6);
      fd >= 0 && bind_ping(fd, AF_INET6))
    add("icmp6", SocketKind::Icmp6, fd, SOCK_DGRAM, 0);

  // Unix: a stream listener on a path with a client it accepted and one still pending, a
  // datagram socket on a path, an abstract listener, stream and datagram socketpairs.
  {
    std::string path = directory + "/zoo.stream";
    ::unlink(path.c_str());
    paths_.push_back(path);
    int listener = open("unix", AF_UNIX, SOCK_STREAM, 0);
    socklen_t len;
    sockaddr_un a = unix_address(path, len);
    check(::bind(listener, reinterpret_cast<sockaddr*>(&a), len), "bind unix");
    check(::listen(listener, 8), "listen unix");
    {
      ZooSocket& z = add("unix_listen", SocketKind::Unix, listener, SOCK_STREAM, kListen);
      z.path = path;
    }
    int client = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    check(::connect(client, reinterpret_cast<sockaddr*>(&a), len), "connect unix");
    int accepted = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    check(accepted, "accept unix");
    std::uint64_t ci =
        add("unix_client", SocketKind::Unix, client, SOCK_STREAM, kEstablished).inode;
    ZooSocket& ac = add("unix_accepted", SocketKind::Unix, accepted, SOCK_STREAM, kEstablished);
    ac.peer_inode = ci;
    ac.path = path;
    sockets[sockets.size() - 2].peer_inode = ac.inode;
    int pending = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    check(::connect(pending, reinterpret_cast<sockaddr*>(&a), len), "connect unix pending");
    add("unix_pending_client", SocketKind::Unix, pending, SOCK_STREAM, kEstablished);
  }
  {
    std::string path = directory + "/zoo.dgram";
    ::unlink(path.c_str());
    paths_.push_back(path);
    int fd = open("unix dgram", AF_UNIX, SOCK_DGRAM, 0);
    socklen_t len;
    sockaddr_un a = unix_address(path, len);
    check(::bind(fd, reinterpret_cast<sockaddr*>(&a), len), "bind unix dgram");
    {
      ZooSocket& z = add("unix_dgram", SocketKind::Unix, fd, SOCK_DGRAM, kClose);
      z.path = path;
    }
  }
  {
    std::string name = std::string(1, '\0') + "td-zoo-" + std::to_string(::getpid());
    int fd = open("unix abstract", AF_UNIX, SOCK_SEQPACKET, 0);
    socklen_t len;
    sockaddr_un a = unix_address(name, len);
    check(::bind(fd, reinterpret_cast<sockaddr*>(&a), len), "bind abstract");
    check(::listen(fd, 4), "listen abstract");
    {
      ZooSocket& z = add("unix_abstract", SocketKind::Unix, fd, SOCK_SEQPACKET, kListen);
      z.path = name;
    }
  }
  for (int type : {SOCK_STREAM, SOCK_DGRAM}) {
    int pair[2];
    check(::socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, pair), "socketpair");
    std::string name = type == SOCK_STREAM ? "unix_pair_stream" : "unix_pair_dgram";
    std::uint64_t a =
        add(name + "_a", SocketKind::Unix, pair[0], static_cast<std::uint8_t>(type), kEstablished)
            .inode;
    ZooSocket& b =
        add(name + "_b", SocketKind::Unix, pair[1], static_cast<std::uint8_t>(type), kEstablished);
    b.peer_inode = a;
    sockets[sockets.size() - 2].peer_inode = b.inode;
  }

  // Netlink: route and uevent sockets; packet: raw and datagram (CAP_NET_RAW).
  for (auto [label, protocol] : {std::pair{"netlink_route", NETLINK_ROUTE},
                                 std::pair{"netlink_uevent", NETLINK_KOBJECT_UEVENT}}) {
    int fd = open(label, AF_NETLINK, SOCK_RAW, protocol);
    if (fd < 0) continue;
    sockaddr_nl a{};
    a.nl_family = AF_NETLINK;
    check(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), "bind netlink");
    add(label, SocketKind::Netlink, fd, SOCK_RAW, 0).protocol =
        static_cast<std::uint16_t>(protocol);
  }
  for (auto [label, type, protocol] : {std::tuple{"packet_raw", int{SOCK_RAW}, ETH_P_ALL},
                                       std::tuple{"packet_dgram", int{SOCK_DGRAM}, ETH_P_IP}}) {
    int fd = open(label, AF_PACKET, type, htons(protocol));
    if (fd < 0) continue;
    add(label, SocketKind::Packet, fd, static_cast<std::uint8_t>(type), 0).protocol =
        static_cast<std::uint16_t>(protocol);
  }
}

SocketZoo::~SocketZoo() {
  for (const ZooSocket& z : sockets)
    ::close(z.fd);
  for (const std::string& p : paths_)
    ::unlink(p.c_str());
}

const ZooSocket* SocketZoo::find(const std::string& label) const {
  for (const ZooSocket& z : sockets)
    if (z.label == label) return &z;
  return nullptr;
}

std::string write_manifest(const std::vector<ZooSocket>& sockets) {
  std::ostringstream out;
  for (const ZooSocket& z : sockets) {
    std::string path = z.path.empty() ? "-" : z.path;
    if (path[0] == '\0') path[0] = '@';
    out << z.label << ' ' << procscan::socket_kind_name(z.kind) << ' ' << z.inode << ' '
        << unsigned{z.type} << ' ' << unsigned{z.state} << ' ' << z.local_port << ' '
        << z.remote_port << ' ' << z.peer_inode << ' ' << z.protocol << ' ' << path << '\n';
  }
  return out.str();
}

std::vector<ZooSocket> read_manifest(const std::string& text) {
  std::vector<ZooSocket> sockets;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    ZooSocket z;
    std::string kind;
    unsigned type = 0, state = 0;
    words >> z.label >> kind >> z.inode >> type >> state >> z.local_port >> z.remote_port >>
        z.peer_inode >> z.protocol >> z.path;
    if (!words) continue;
    z.type = static_cast<std::uint8_t>(type);
    z.state = static_cast<std::uint8_t>(state);
    for (int k = 0; k < procscan::kSocketKindCount; ++k)
      if (procscan::socket_kind_name(static_cast<SocketKind>(k)) == kind)
        z.kind = static_cast<SocketKind>(k);
    if (z.path == "-") z.path.clear();
    if (!z.path.empty() && z.path[0] == '@') z.path[0] = '\0';
    sockets.push_back(z);
  }
  return sockets;
}

}  // namespace td_test
