// Sockets of every kind opened here, found by inode in tables read from this network
// namespace by sock_diag and by /proc/net, with their addresses, ports, states, paths and
// peers; and the reads each query makes. Kinds the kernel refuses this process (raw and
// packet without CAP_NET_RAW, ping sockets outside ping_group_range) are skipped by name.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "socket_zoo.h"

using procscan::Socket;
using procscan::SocketKind;
using procscan::SocketKindSet;
using procscan::SocketQuery;
using procscan::SocketSource;
using procscan::SocketTable;

namespace {

std::string temp_directory() {
  char pattern[] = "/tmp/td-sockets-XXXXXX";
  REQUIRE(::mkdtemp(pattern) != nullptr);
  return pattern;
}

void check_zoo(const td_test::SocketZoo& zoo, const SocketTable& table, bool diag) {
  const auto peers = table.inet_peers();
  for (const std::string& s : zoo.skipped)
    WARN("skipped " << s);
  for (const td_test::ZooSocket& z : zoo.sockets) {
    INFO(z.label << (diag ? " (auto)" : " (/proc/net)"));
    const Socket* s = table.find(z.inode);
    REQUIRE(s != nullptr);
    CHECK(s->kind == z.kind);
    if (s->is_inet() && z.kind != SocketKind::Icmp4 && z.kind != SocketKind::Icmp6) {
      CHECK(s->local_port == z.local_port);
      CHECK(s->remote_port == z.remote_port);
      if (z.state != 0) CHECK(unsigned{s->state} == z.state);
      if (z.peer_inode != 0) {
        const auto peer = peers.find(s->inode);
        REQUIRE(peer != peers.end());
        CHECK(peer->second == z.peer_inode);
      }
    }
    if (z.kind == SocketKind::Unix) {
      CHECK(unsigned{s->type} == z.type);
      CHECK(s->listening == (z.state == 10));
      std::string path = z.path;
      if (!diag && !path.empty() && path[0] == '\0') path[0] = '@';
      CHECK(table.path(*s) == path);
      if (diag && z.peer_inode != 0) CHECK(s->peer_inode == z.peer_inode);
    }
    if (z.kind == SocketKind::Netlink || z.kind == SocketKind::Packet)
      CHECK(s->protocol == z.protocol);
  }
}

}  // namespace

TEST_CASE("every socket the test opens is found by inode with its attributes") {
  std::string dir = temp_directory();
  {
    td_test::SocketZoo zoo(dir);
    REQUIRE(zoo.find("tcp4_listen"));
    REQUIRE(zoo.find("unix_pair_stream_a"));

    SocketQuery auto_query;
    auto_query.kinds = SocketKindSet::all();
    auto_query.unix_kernel_addresses = true;
    SocketTable by_diag = SocketTable::read(auto_query);
    check_zoo(zoo, by_diag, true);
    const Socket* unix_socket = by_diag.find(zoo.find("unix_listen")->inode);
    REQUIRE(unix_socket);
    CHECK(unix_socket->kernel_address_known);
    auto pending = by_diag.pending(*unix_socket);
    REQUIRE(pending.size() == 1);
    CHECK(pending[0] == zoo.find("unix_pending_client")->inode);

    SocketQuery text_query = auto_query;
    text_query.source = SocketSource::ProcNet;
    SocketTable by_text = SocketTable::read(text_query);
    check_zoo(zoo, by_text, false);
    CHECK(by_text.stats().sock_diag_dumps == 0);
    CHECK(by_text.stats().proc_net_files == procscan::kSocketKindCount);

    // What lsof prints for a socket in no table comes from the descriptor itself.
    std::string link = "/proc/self/fd/" + std::to_string(zoo.find("tcp4_listen")->fd);
    CHECK(procscan::socket_protocol_name(link.c_str()) == "TCP");
    link = "/proc/self/fd/" + std::to_string(zoo.find("unix_dgram")->fd);
    CHECK(procscan::socket_protocol_name(link.c_str()) == "UNIX");
  }
  ::rmdir(dir.c_str());
}

TEST_CASE("a query reads only the kinds it names") {
  std::string dir = temp_directory();
  {
    td_test::SocketZoo zoo(dir);
    SocketQuery q;
    q.kinds = {SocketKind::Unix};
    SocketTable t = SocketTable::read(q);
    if (t.stats().sock_diag_dumps == 1 && t.stats().failures.empty()) {
      CHECK(t.stats().proc_net_files == 0);
      CHECK(t.stats().reads == std::vector<std::string>{"sock_diag unix"});
    }
    CHECK(t.find(zoo.find("unix_client")->inode));
    CHECK(t.find(zoo.find("tcp4_listen")->inode) == nullptr);
    for (const Socket& s : t.sockets())
      CHECK(s.kind == SocketKind::Unix);

    q.unix_kernel_addresses = true;
    SocketTable with_num = SocketTable::read(q);
    CHECK(with_num.stats().reads.back() == "/proc/net/unix");
    CHECK(with_num.find(zoo.find("unix_client")->inode)->kernel_address_known);

    SocketQuery tcp;
    tcp.kinds = {SocketKind::Tcp4, SocketKind::Tcp6};
    tcp.source = SocketSource::SockDiag;
    SocketTable t2 = SocketTable::read(tcp);
    CHECK(t2.stats().sock_diag_dumps == 2);
    CHECK(t2.stats().proc_net_files == 0);
    CHECK(t2.find(zoo.find("tcp6_accepted")->inode));
    CHECK(t2.find(zoo.find("unix_client")->inode) == nullptr);
  }
  ::rmdir(dir.c_str());
}

TEST_CASE("a kind whose dump fails falls back to /proc/net, or is named as failed") {
  SocketQuery q;
  q.kinds = {SocketKind::Tcp4};
  q.proc_net_dir = "/nonexistent";
  q.source = SocketSource::ProcNet;
  SocketTable t = SocketTable::read(q);
  CHECK(t.sockets().empty());
  REQUIRE(t.stats().failures.size() == 1);
  CHECK(t.stats().failures[0] == "/nonexistent/tcp: No such file or directory");
}
