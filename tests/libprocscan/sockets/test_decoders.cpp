// The sock_diag decoder and the /proc/net parsers on replies and text captured in a fresh
// network namespace (tests/data/sockets/README.md), checked against the manifest the
// capture wrote from fstat and getsockname; and on cut and hostile input.
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <sstream>

#include "socket_zoo.h"
#include "sockets/decoders.h"

using procscan::Socket;
using procscan::SocketKind;
using procscan::SocketTable;

namespace {

const std::string kData = std::string(TESTS_DATA_DIR) + "/sockets/";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::span<const std::byte> as_bytes(const std::string& s) {
  return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

std::string name(SocketKind k) {
  return std::string(procscan::socket_kind_name(k));
}

struct Decoded {
  SocketTable table;
  procscan::sockets::DiagChunk chunk;
};

Decoded decode_diag(SocketKind kind) {
  SocketTable::Builder b;
  auto chunk = procscan::sockets::decode_sock_diag(
      as_bytes(slurp(kData + "sock_diag_" + name(kind) + ".bin")), kind, b);
  return {std::move(b).build(), chunk};
}

SocketTable parse_proc(SocketKind kind) {
  SocketTable::Builder b;
  std::string text = slurp(kData + "proc_net_" + name(kind) + ".txt");
  bool known = kind == SocketKind::Unix ? procscan::sockets::parse_proc_net_unix(text, false, b)
               : kind == SocketKind::Netlink ? procscan::sockets::parse_proc_net_netlink(text, b)
               : kind == SocketKind::Packet  ? procscan::sockets::parse_proc_net_packet(text, b)
                                            : procscan::sockets::parse_proc_net_inet(text, kind, b);
  REQUIRE(known);
  return std::move(b).build();
}

std::vector<td_test::ZooSocket> manifest() {
  auto m = td_test::read_manifest(slurp(kData + "manifest.txt"));
  REQUIRE(m.size() >= 30);
  return m;
}

std::array<std::uint8_t, 16> loopback_bytes(const Socket& s, bool mapped) {
  std::array<std::uint8_t, 16> a{};
  if (s.address_length == 4)
    a = {127, 0, 0, 1};
  else if (mapped)
    a = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1};
  else
    a[15] = 1;
  return a;
}

// What every source must agree on, from the manifest.
void check_against_manifest(const SocketTable& table, const td_test::ZooSocket& z, bool from_diag) {
  INFO(z.label << (from_diag ? " (sock_diag)" : " (/proc/net)"));
  const Socket* s = table.find(z.inode);
  REQUIRE(s != nullptr);
  CHECK(s->kind == z.kind);
  if (z.state != 0 && z.kind != SocketKind::Unix) CHECK(unsigned{s->state} == z.state);
  if (s->is_inet() && z.kind != SocketKind::Icmp4 && z.kind != SocketKind::Icmp6) {
    CHECK(s->local_port == z.local_port);
    CHECK(s->remote_port == z.remote_port);
    const bool mapped = z.label.rfind("tcp6mapped_accepted", 0) == 0;
    CHECK(s->is_v4_mapped() == mapped);
    if (z.state == 1) {  // connected: both ends on loopback
      CHECK(s->local == loopback_bytes(*s, mapped));
      CHECK(s->remote == loopback_bytes(*s, mapped));
    }
    CHECK(s->queues_known);
    CHECK(s->tx_queue == 0);  // a TCP listener's backlog limit is not its send queue
  }
  if (z.kind == SocketKind::Unix) {
    CHECK(unsigned{s->type} == z.type);
    CHECK(table.path(*s).size() == z.path.size());
    if (!z.path.empty() && z.path[0] == '\0' && !from_diag)  // /proc/net/unix shows NULs as '@'
      CHECK(table.path(*s) == "@" + z.path.substr(1));
    else
      CHECK(table.path(*s) == z.path);
    CHECK(s->listening == (z.state == 10));
    CHECK(unsigned{s->socket_state} == (z.state == 1 ? 3u : 1u));  // SS_CONNECTED, else UNCONNECTED
    CHECK(s->peer_known == from_diag);
    CHECK(s->kernel_address_known == !from_diag);
    if (from_diag && z.peer_inode != 0) CHECK(s->peer_inode == z.peer_inode);
  }
  if (z.kind == SocketKind::Netlink || z.kind == SocketKind::Packet)
    CHECK(s->protocol == z.protocol);
  if (z.kind == SocketKind::Packet) CHECK(unsigned{s->type} == z.type);
}

}  // namespace

TEST_CASE("sock_diag replies decode to the sockets the capture opened") {
  auto zoo = manifest();
  for (int k = 0; k < procscan::kSocketKindCount; ++k) {
    auto kind = static_cast<SocketKind>(k);
    if (!procscan::sockets::has_sock_diag(kind)) continue;
    INFO(name(kind));
    Decoded d = decode_diag(kind);
    CHECK(d.chunk.done);
    CHECK_FALSE(d.chunk.malformed);
    if (kind == SocketKind::Raw4 || kind == SocketKind::Raw6) {
      // This kernel has no raw_diag: the dump ends at once, DONE carrying -ENOENT.
      CHECK(d.chunk.error == ENOENT);
      CHECK(d.table.sockets().empty());
      continue;
    }
    CHECK(d.chunk.error == 0);
    for (const auto& z : zoo)
      if (z.kind == kind) check_against_manifest(d.table, z, true);
  }
}

TEST_CASE("/proc/net tables parse to the sockets the capture opened") {
  auto zoo = manifest();
  for (int k = 0; k < procscan::kSocketKindCount; ++k) {
    auto kind = static_cast<SocketKind>(k);
    INFO(name(kind));
    SocketTable t = parse_proc(kind);
    for (const auto& z : zoo)
      if (z.kind == kind) check_against_manifest(t, z, false);
  }
}

TEST_CASE("sock_diag and /proc/net agree on every socket both hold") {
  for (int k = 0; k < procscan::kSocketKindCount; ++k) {
    auto kind = static_cast<SocketKind>(k);
    if (!procscan::sockets::has_sock_diag(kind)) continue;
    INFO(name(kind));
    Decoded d = decode_diag(kind);
    SocketTable p = parse_proc(kind);
    for (const Socket& s : d.table.sockets()) {
      INFO("inode " << s.inode);
      const Socket* o = p.find(s.inode);
      // The capture's own NETLINK_SOCK_DIAG socket is in its netlink dump, and closed by
      // the time it read /proc/net/netlink.
      if (!o && s.kind == SocketKind::Netlink && s.protocol == NETLINK_SOCK_DIAG) continue;
      REQUIRE(o != nullptr);
      CHECK(o->state == s.state);
      CHECK(o->type == s.type);
      CHECK(o->local == s.local);
      CHECK(o->remote == s.remote);
      CHECK(o->local_port == s.local_port);
      CHECK(o->remote_port == s.remote_port);
      if (o->queues_known && s.queues_known) {  // /proc/net/unix has none
        CHECK(o->rx_queue == s.rx_queue);
        CHECK(o->tx_queue == s.tx_queue);
      }
      CHECK(o->protocol == s.protocol);
      CHECK(o->portid == s.portid);
      CHECK(o->listening == s.listening);
      CHECK(o->socket_state == s.socket_state);
    }
  }
}

TEST_CASE("unix_diag gives peers and a listener's pending connection") {
  auto zoo = manifest();
  Decoded d = decode_diag(SocketKind::Unix);
  auto by = [&](const std::string& label) {
    for (const auto& z : zoo)
      if (z.label == label) return d.table.find(z.inode);
    FAIL("no " << label);
    return static_cast<const Socket*>(nullptr);
  };
  const Socket* listener = by("unix_listen");
  REQUIRE(listener);
  auto pending = d.table.pending(*listener);
  REQUIRE(pending.size() == 1);
  // UNIX_DIAG_ICONS names the connecting sockets; their peer is an embryo socket in the
  // listener's queue, which has no inode yet.
  const Socket* client = by("unix_pending_client");
  REQUIRE(client);
  CHECK(pending[0] == client->inode);
  CHECK(client->peer_inode == 0);
  // A listener's queues are its pending count and backlog limit.
  CHECK(listener->rx_queue == 1);
  CHECK(listener->tx_queue == 8);
  CHECK(by("unix_abstract")->listening);
  CHECK(d.table.pending(*by("unix_pair_stream_a")).empty());
}

TEST_CASE("/proc/net/unix's Num column joins sock_diag's records by inode") {
  SocketTable::Builder b;
  auto chunk = procscan::sockets::decode_sock_diag(as_bytes(slurp(kData + "sock_diag_unix.bin")),
                                                   SocketKind::Unix, b);
  REQUIRE(chunk.done);
  REQUIRE(procscan::sockets::parse_proc_net_unix(slurp(kData + "proc_net_unix.txt"), true, b));
  SocketTable t = std::move(b).build();
  SocketTable proc = parse_proc(SocketKind::Unix);
  REQUIRE(!t.sockets().empty());
  for (const Socket& s : t.sockets()) {
    INFO("inode " << s.inode);
    CHECK(s.kernel_address_known);
    CHECK(s.kernel_address == proc.find(s.inode)->kernel_address);
    CHECK(s.peer_known);
  }
  // The first data line of the capture, read by hand: "NUM: ... INODE[ PATH]".
  std::istringstream line(
      slurp(kData + "proc_net_unix.txt").substr(slurp(kData + "proc_net_unix.txt").find('\n') + 1));
  std::string num, word;
  std::uint64_t inode = 0;
  line >> num >> word >> word >> word >> word >> word >> inode;
  REQUIRE(t.find(inode) != nullptr);
  CHECK(t.find(inode)->kernel_address == std::stoull(num.substr(0, num.size() - 1), nullptr, 16));
}

TEST_CASE("inet addresses print back as /proc/net printed them") {
  for (SocketKind kind : {SocketKind::Tcp4, SocketKind::Tcp6, SocketKind::Udp6, SocketKind::Raw4,
                          SocketKind::Raw6, SocketKind::Icmp4, SocketKind::Icmp6}) {
    std::string text = slurp(kData + "proc_net_" + name(kind) + ".txt");
    SocketTable t = parse_proc(kind);
    for (const Socket& s : t.sockets()) {
      std::string words = procscan::proc_net_address_text(s, false) + " " +
                          procscan::proc_net_address_text(s, true);
      INFO(words);
      CHECK(text.find(words) != std::string::npos);
    }
  }
}

TEST_CASE("inet peers pair the two ends of a loopback connection") {
  auto zoo = manifest();
  Decoded d = decode_diag(SocketKind::Tcp4);
  const auto peers = d.table.inet_peers();
  int paired = 0;
  for (const auto& z : zoo) {
    if (z.kind != SocketKind::Tcp4) continue;
    REQUIRE(d.table.find(z.inode));
    const auto peer = peers.find(z.inode);
    INFO("socket " << z.inode);
    if (z.peer_inode == 0) {
      CHECK(peer == peers.end());
    } else {
      REQUIRE(peer != peers.end());
      CHECK(peer->second == z.peer_inode);
      ++paired;
    }
  }
  CHECK(paired > 0);
}

TEST_CASE("cut and hostile replies are refused without reading past them") {
  std::string whole = slurp(kData + "sock_diag_unix.bin");
  for (std::size_t cut = 0; cut < whole.size(); ++cut) {
    SocketTable::Builder b;
    auto chunk =
        procscan::sockets::decode_sock_diag(as_bytes(whole.substr(0, cut)), SocketKind::Unix, b);
    CHECK_FALSE(chunk.done);
    if (cut % NLMSG_ALIGNTO != 0) CHECK(chunk.malformed);
  }
  // An unix reply decoded as an inet dump: the family does not match.
  SocketTable::Builder b;
  auto chunk = procscan::sockets::decode_sock_diag(as_bytes(whole), SocketKind::Tcp4, b);
  CHECK(chunk.malformed);
  CHECK(b.size() == 0);
  // NLMSG_ERROR carries the errno.
  struct {
    nlmsghdr h;
    nlmsgerr e;
  } error{};
  error.h.nlmsg_len = sizeof error;
  error.h.nlmsg_type = NLMSG_ERROR;
  error.e.error = -EACCES;
  SocketTable::Builder e;
  auto c = procscan::sockets::decode_sock_diag(
      {reinterpret_cast<const std::byte*>(&error), sizeof error}, SocketKind::Unix, e);
  CHECK(c.error == EACCES);
}

TEST_CASE("/proc/net text with an unknown header or broken lines") {
  SocketTable::Builder b;
  CHECK_FALSE(procscan::sockets::parse_proc_net_inet("garbage\n1 2 3\n", SocketKind::Tcp4, b));
  CHECK_FALSE(procscan::sockets::parse_proc_net_unix("", false, b));
  std::string tcp = slurp(kData + "proc_net_tcp.txt");
  std::string header = tcp.substr(0, tcp.find('\n') + 1);
  CHECK(procscan::sockets::parse_proc_net_inet(
      header +
          "   0: 0100007F:ZZZZ 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 77\n"
          "   1: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 78",
      SocketKind::Tcp4, b));
  SocketTable t = std::move(b).build();
  CHECK(t.find(77) == nullptr);
  REQUIRE(t.find(78) != nullptr);
  CHECK(t.find(78)->local_port == 22);
  CHECK(t.find(78)->state == 10);
}

TEST_CASE("requests ask for every state and the unix details lsof prints") {
  auto r = procscan::sockets::sock_diag_request(SocketKind::Unix);
  nlmsghdr h;
  std::memcpy(&h, r.data(), sizeof h);
  CHECK(h.nlmsg_type == SOCK_DIAG_BY_FAMILY);
  CHECK((h.nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP);
  CHECK(h.nlmsg_len == r.size());
}
