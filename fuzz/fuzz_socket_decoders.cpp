// Socket decoders from untrusted bytes: each input goes, as a whole, to the sock_diag reply
// decoder under every kind and to every /proc/net parser (so the captured replies and text
// of tests/data/sockets/ are seeds as they are); each table built is then read back through
// every lookup, which must stay inside it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "sockets/decoders.h"

namespace {

void read_back(const procscan::SocketTable& table) {
  for (const auto& [inode, peer] : table.inet_peers())
    if (!table.find(inode) || !table.find(peer) || inode == peer) std::abort();
  std::uint64_t last = 0;
  for (const procscan::Socket& s : table.sockets()) {
    if (s.inode < last) std::abort();  // sorted by inode, one record per inode
    last = s.inode + 1;
    if (table.find(s.inode) != &s) std::abort();
    (void)table.path(s).size();
    for (std::uint64_t p : table.pending(s))
      (void)p;
    if (s.is_inet()) {
      if (s.address_length != 4 && s.address_length != 16) std::abort();
      (void)procscan::proc_net_address_text(s, false);
      (void)procscan::proc_net_address_text(s, true);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A copy of exactly the input's size, so that AddressSanitizer sees any read past it.
  std::vector<std::byte> bytes(reinterpret_cast<const std::byte*>(data),
                               reinterpret_cast<const std::byte*>(data) + size);
  std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  for (int k = 0; k < procscan::kSocketKindCount; ++k) {
    auto kind = static_cast<procscan::SocketKind>(k);
    procscan::SocketTable::Builder diag;
    procscan::sockets::decode_sock_diag(bytes, kind, diag);
    read_back(std::move(diag).build());
    procscan::SocketTable::Builder proc;
    if (kind == procscan::SocketKind::Unix) {
      procscan::sockets::parse_proc_net_unix(text, false, proc);
      procscan::sockets::parse_proc_net_unix(text, true, proc);
    } else if (kind == procscan::SocketKind::Netlink) {
      procscan::sockets::parse_proc_net_netlink(text, proc);
    } else if (kind == procscan::SocketKind::Packet) {
      procscan::sockets::parse_proc_net_packet(text, proc);
    } else {
      procscan::sockets::parse_proc_net_inet(text, kind, proc);
    }
    read_back(std::move(proc).build());
  }
  return 0;
}
