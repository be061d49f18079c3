// Pure functions from bytes and text to socket records: the sock_diag reply decoder, the
// request encoder and the /proc/net text parsers. No I/O here, so tests and fuzz targets
// run them on captured bytes (tests/data/sockets/).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "sockets/table_builder.h"

namespace procscan::sockets {

// Whether a kind is read by a sock_diag dump at all (ping sockets are not).
bool has_sock_diag(SocketKind kind);

// The whole request (nlmsghdr + the family's request) for one kind's dump.
std::vector<std::byte> sock_diag_request(SocketKind kind);

// What one reply chunk held after its messages were added to `out`.
struct DiagChunk {
  bool done = false;       // NLMSG_DONE seen: the dump is over
  int error = 0;           // errno of an NLMSG_ERROR (the dump is over and failed)
  bool malformed = false;  // a message was cut short or the wrong family: ignored
};
// Decodes one or more whole netlink messages of `kind`'s dump (what one recv gives).
DiagChunk decode_sock_diag(std::span<const std::byte> bytes, SocketKind kind,
                           SocketTable::Builder& out);

// /proc/net text. Each returns false when the header line is not the one it knows (the
// table is then not read at all, as lsof does); lines it cannot read are skipped.
// tcp, tcp6, udp, udp6, udplite, udplite6, raw, raw6, icmp, icmp6:
bool parse_proc_net_inet(std::string_view text, SocketKind kind, SocketTable::Builder& out);
// unix; with `addresses_only` only the "Num" column is taken (joined to unix_diag's records).
bool parse_proc_net_unix(std::string_view text, bool addresses_only, SocketTable::Builder& out);
bool parse_proc_net_netlink(std::string_view text, SocketTable::Builder& out);
bool parse_proc_net_packet(std::string_view text, SocketTable::Builder& out);

}  // namespace procscan::sockets
