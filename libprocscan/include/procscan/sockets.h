// The sockets of the caller's network namespace, looked up by inode: what tdlsof prints for
// a `socket:[INODE]` descriptor. One NETLINK_SOCK_DIAG dump per kind asked for, with the
// /proc/net text tables as the fallback when a dump fails (src/sockets/README.md).
//
// What lsof 4.95 prints for a socket on Linux, and the fields below that carry it
// (dialects/linux/dsock.c process_proc_sock, dprint.c; checked against /usr/bin/lsof):
// - TCP, UDP, UDP-lite over IPv4 and IPv6: TYPE IPv4/IPv6, DEVICE = inode, NODE =
//   TCP/UDP/UDPLITE (`kind`), NAME `local:port->remote:port` (`local`, `remote`, ports;
//   `*` for the any address and for port 0, `->...` only when the remote is set) and, for
//   TCP, `(STATE)` from `state` (TCP_* numbering: 1 ESTABLISHED ... 10 LISTEN, 11
//   CLOSING; UDP shows no state in 4.95). An IPv6 socket whose local or remote address is
//   IPv4-mapped (`is_v4_mapped`) keeps TYPE IPv6 but shows both addresses as IPv4 (their
//   last four bytes). -T q adds `QR=rx_queue QS=tx_queue` for TCP and UDP (`(LISTEN QR=0
//   QS=0)`, UDP `(QR=0 QS=0)`). +E pairs an ESTABLISHED socket with the one of the same
//   kind whose endpoints mirror it (`inet_peers`; a v4 client of a dual-stack listener is
//   in another table, so it has none).
// - raw (v4 and v6): TYPE raw/raw6, DEVICE empty, NODE = inode, NAME is /proc/net/raw's
//   own hex text `00000000:0001->00000000:0000 st=07` (`proc_net_address_text`; the port
//   is the protocol number, `local_port`; the state in two hex digits).
// - icmp (ping sockets; IPv4 only in 4.95): TYPE icmp, DEVICE empty, NODE = inode, NAME
//   `0100007F:F80B->00000000:0000` as /proc/net/icmp prints them. There is no sock_diag
//   for ping sockets: they come from /proc/net/icmp (and icmp6, which lsof 4.95 never
//   reads: an IPv6 ping socket is a `sock` row there, `protocol: PINGv6`).
// - unix: TYPE unix, DEVICE = /proc/net/unix's "Num" (`kernel_address`, printed
//   `0x%016llx`; sock_diag lacks it, so it is read from /proc/net/unix only when the query
//   asks), NODE = inode, NAME `[path ]type=STREAM` (`path`, `type`: STREAM, DGRAM,
//   SEQPACKET...); -T s `(LISTEN)` when `listening`, else from `socket_state` (SS_*: 1
//   UNCONNECTED, 2 CONNECTING, 3 CONNECTED, 4 DISCONNECTING); +E `->INO=peer_inode` and,
//   on a listener, its pending connections (`pending`). lsof 4.95 splits /proc/net/unix
//   lines at blanks, tabs and ':', so it prints only a path's first such word ("/tmp/td
//   x:y" shows as "/tmp/td"); an abstract name shows '@' for each NUL ("@abs@x").
//   `path` keeps the kernel's bytes (abstract: leading NUL) from sock_diag, and
//   /proc/net/unix's text (already '@') from the fallback.
// - netlink: TYPE netlink, NODE = inode, NAME the protocol's name (ROUTE, ...) or
//   `unknown protocol: N` from `protocol`. Only bound netlink sockets are in any table.
// - packet: TYPE pack, DEVICE = inode, NODE = the ethertype's name (ALL, IP, ...) or its
//   decimal number (`protocol`, host order), NAME `type=SOCK_RAW` (`type`).
// - A socket in no table (another namespace's, or one never bound: an unbound TCP or
//   netlink socket): TYPE sock, DEVICE the socket's st_dev (sockfs, `0,9` here), NODE =
//   inode, NAME `protocol: NAME` from the `system.sockprotoname` xattr of the descriptor
//   (`socket_protocol_name`: TCP, NETLINK, PINGv6...) or `can't identify protocol`.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace procscan {

// One kind per dump (or /proc/net file): the unit a query asks for and a read costs.
enum class SocketKind : std::uint8_t {
  Tcp4,      // sock_diag inet TCP, else /proc/net/tcp
  Tcp6,      // inet6 TCP, else /proc/net/tcp6
  Udp4,      // inet UDP, else /proc/net/udp
  Udp6,      // inet6 UDP, else /proc/net/udp6
  UdpLite4,  // inet UDP-lite, else /proc/net/udplite
  UdpLite6,  // inet6 UDP-lite, else /proc/net/udplite6
  Raw4,      // inet raw (every protocol), else /proc/net/raw
  Raw6,      // inet6 raw, else /proc/net/raw6
  Icmp4,     // /proc/net/icmp only (no sock_diag for ping sockets)
  Icmp6,     // /proc/net/icmp6 only
  Unix,      // unix_diag (name, peer, pending connections, queues), else /proc/net/unix
  Netlink,   // netlink_diag, else /proc/net/netlink
  Packet,    // packet_diag, else /proc/net/packet
  Count,
};
inline constexpr int kSocketKindCount = static_cast<int>(SocketKind::Count);

// The kind's name as `--debug` shows it and tests name it: "tcp", "tcp6", ..., "packet"
// (the /proc/net file's name).
std::string_view socket_kind_name(SocketKind kind);

class SocketKindSet {
 public:
  constexpr SocketKindSet() = default;
  constexpr SocketKindSet(std::initializer_list<SocketKind> kinds) {
    for (SocketKind k : kinds)
      add(k);
  }
  static constexpr SocketKindSet all() {
    SocketKindSet s;
    s.bits_ = (1u << kSocketKindCount) - 1;
    return s;
  }
  // Every inet kind: TCP, UDP, UDP-lite, raw and icmp over both families.
  static constexpr SocketKindSet inet() {
    return {SocketKind::Tcp4,     SocketKind::Tcp6,     SocketKind::Udp4, SocketKind::Udp6,
            SocketKind::UdpLite4, SocketKind::UdpLite6, SocketKind::Raw4, SocketKind::Raw6,
            SocketKind::Icmp4,    SocketKind::Icmp6};
  }
  constexpr void add(SocketKind k) { bits_ |= 1u << static_cast<unsigned>(k); }
  constexpr bool has(SocketKind k) const { return bits_ & (1u << static_cast<unsigned>(k)); }
  constexpr bool empty() const { return bits_ == 0; }

 private:
  std::uint32_t bits_ = 0;
};

enum class SocketSource : std::uint8_t {
  Auto,      // sock_diag, and /proc/net text for a kind whose dump fails
  SockDiag,  // sock_diag only (a kind whose dump fails stays empty and is named in stats)
  ProcNet,   // /proc/net text only
};

struct SocketQuery {
  SocketKindSet kinds;
  // The unix "Num" column (lsof's DEVICE for unix sockets): one read of /proc/net/unix
  // beside the unix dump.
  bool unix_kernel_addresses = false;
  SocketSource source = SocketSource::Auto;
  // Where the text tables are: "/proc/net" (the caller's namespace), "/proc/PID/net"
  // (PID's), or a captured tree in tests. sock_diag always reads the caller's namespace,
  // so another directory goes with SocketSource::ProcNet.
  std::string proc_net_dir = "/proc/net";
};

// One socket. Fields a kind does not have are zero; `kind` says which apply.
struct Socket {
  std::uint64_t inode = 0;
  SocketKind kind = SocketKind::Count;
  // inet (TCP, UDP, UDP-lite, raw, icmp): TCP_* state numbering for every protocol (UDP:
  // 1 when connected, 7 when not; raw: as /proc/net/raw's `st`).
  std::uint8_t state = 0;
  // unix, packet: SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_RAW...
  std::uint8_t type = 0;
  // inet: 4 or 16 address bytes in network order; ports in host order (raw: the protocol
  // number in local_port, as /proc/net/raw prints it).
  std::uint8_t address_length = 0;
  std::array<std::uint8_t, 16> local{};
  std::array<std::uint8_t, 16> remote{};
  std::uint16_t local_port = 0;
  std::uint16_t remote_port = 0;
  // inet: bytes queued (TCP listener: accept queue and backlog); unix: as UDIAG_SHOW_RQLEN.
  std::uint32_t rx_queue = 0;
  std::uint32_t tx_queue = 0;
  bool queues_known = false;  // /proc/net/unix has no queues
  std::uint32_t uid = 0;      // inet, packet, netlink's owner as the kernel keeps it
  // netlink: NETLINK_ROUTE...; packet: the ethertype in host order (0x0003 ETH_P_ALL).
  std::uint16_t protocol = 0;
  // netlink: own and destination port ids; packet: bound interface index.
  std::uint32_t portid = 0;
  std::uint32_t dst_portid = 0;
  // unix: SS_* as /proc/net/unix's `St` (a socket held in a descriptor: CONNECTED when
  // sk_state is ESTABLISHED, else UNCONNECTED), and its __SO_ACCEPTCON flag.
  std::uint8_t socket_state = 0;
  bool listening = false;
  bool peer_known = false;       // false when read from /proc/net/unix
  std::uint64_t peer_inode = 0;  // 0: no peer
  // unix "Num" (only when the query asked for it and /proc/net/unix had the inode).
  bool kernel_address_known = false;
  std::uint64_t kernel_address = 0;
  // unix: where SocketTable::path and ::pending find this socket's bytes.
  std::uint32_t path_offset_ = 0, path_length_ = 0;
  std::uint32_t pending_offset_ = 0, pending_count_ = 0;

  bool is_inet() const;
  // An IPv6 socket whose local or remote address is an IPv4-mapped one: lsof prints it
  // as IPv4 with each address's last four bytes.
  bool is_v4_mapped() const;
};

// What a read did: `--debug` prints it and tests assert it.
struct SocketReadStats {
  unsigned sock_diag_dumps = 0;       // dumps sent (one per kind read by sock_diag)
  unsigned proc_net_files = 0;        // /proc/net files read
  std::vector<std::string> reads;     // each read in order: "sock_diag tcp6", "/proc/net/unix", ...
  std::vector<std::string> failures;  // "sock_diag unix: Permission denied", ...
};

class SocketTable {
 public:
  // Reads the kinds asked for. Never throws for the kernel's refusals: a kind that no
  // source could read is named in stats().failures and its sockets are absent.
  static SocketTable read(const SocketQuery& query);

  // nullptr when no table read has the inode (lsof's `sock` row).
  const Socket* find(std::uint64_t inode) const;
  // Each ESTABLISHED TCP, UDP and UDP-lite socket paired with the one of the same kind
  // whose endpoints mirror its own (lsof's +E pairing of sockets on this machine), as
  // inode -> peer inode; one in no pair is absent. One pass over the table: built when
  // asked, since only +E needs it.
  std::unordered_map<std::uint64_t, std::uint64_t> inet_peers() const;
  // unix: the path (or abstract name: leading NUL) and a listener's pending connections.
  std::string_view path(const Socket& s) const;
  std::span<const std::uint64_t> pending(const Socket& s) const;

  std::span<const Socket> sockets() const { return sockets_; }
  const SocketReadStats& stats() const { return stats_; }

  // For the readers and decoders (src/sockets): records are added, then sealed once.
  struct Builder;

 private:
  friend struct Builder;
  std::vector<Socket> sockets_;  // sorted by inode once built
  std::string strings_;
  std::vector<std::uint64_t> pending_;
  SocketReadStats stats_;
};

// The xattr `system.sockprotoname` of a socket descriptor's link (e.g.
// "/proc/PID/fd/3"): "TCP", "UNIX", "NETLINK"... what lsof prints for a socket in no
// table. nullopt when the kernel refuses.
std::optional<std::string> socket_protocol_name(const char* fd_link_path);

// An inet socket's address as /proc/net/{tcp,raw,icmp,...}6 prints it: "0100007F:0016",
// or 32 hex digits (four host-order words) for IPv6. lsof prints raw and icmp NAMEs so.
std::string proc_net_address_text(const Socket& s, bool remote);

}  // namespace procscan
