// The socket table: records sorted by inode, one string buffer for unix names, one array
// for listeners' pending connections; lookups and the text helpers of sockets.h.
#include <sys/xattr.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <tuple>

#include "sockets/kinds.h"
#include "sockets/table_builder.h"

namespace procscan {

std::string_view socket_kind_name(SocketKind kind) {
  return kind == SocketKind::Count ? "?" : sockets::kind_info(kind).name;
}

bool Socket::is_inet() const {
  return kind != SocketKind::Count && sockets::is_inet_kind(kind);
}

bool Socket::is_v4_mapped() const {
  auto mapped = [](const std::array<std::uint8_t, 16>& a) {
    static constexpr std::uint8_t prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return std::equal(prefix, prefix + 12, a.begin());
  };
  return is_inet() && address_length == 16 && (mapped(local) || mapped(remote));
}

void SocketTable::Builder::add(Socket socket, std::string_view path,
                               std::span<const std::uint32_t> pending) {
  socket.path_offset_ = static_cast<std::uint32_t>(table_.strings_.size());
  socket.path_length_ = static_cast<std::uint32_t>(path.size());
  table_.strings_.append(path);
  socket.pending_offset_ = static_cast<std::uint32_t>(table_.pending_.size());
  socket.pending_count_ = static_cast<std::uint32_t>(pending.size());
  table_.pending_.insert(table_.pending_.end(), pending.begin(), pending.end());
  table_.sockets_.push_back(socket);
}

SocketTable SocketTable::Builder::build() && {
  auto& rows = table_.sockets_;
  auto by_inode = [](const Socket& a, const Socket& b) { return a.inode < b.inode; };
  std::stable_sort(rows.begin(), rows.end(), by_inode);
  rows.erase(std::unique(rows.begin(), rows.end(),
                         [](const Socket& a, const Socket& b) { return a.inode == b.inode; }),
             rows.end());
  for (const auto& [inode, address] : kernel_addresses_) {
    auto it = std::lower_bound(rows.begin(), rows.end(), inode,
                               [](const Socket& s, std::uint64_t i) { return s.inode < i; });
    if (it != rows.end() && it->inode == inode && it->kind == SocketKind::Unix) {
      it->kernel_address = address;
      it->kernel_address_known = true;
    }
  }
  return std::move(table_);
}

const Socket* SocketTable::find(std::uint64_t inode) const {
  auto it = std::lower_bound(sockets_.begin(), sockets_.end(), inode,
                             [](const Socket& s, std::uint64_t i) { return s.inode < i; });
  return it != sockets_.end() && it->inode == inode ? &*it : nullptr;
}

std::unordered_map<std::uint64_t, std::uint64_t> SocketTable::inet_peers() const {
  constexpr std::uint8_t kTcpEstablished = 1;  // UDP: connected
  // Kind, then local and remote address and port: a socket's mirror swaps the two ends.
  using Ends = std::tuple<SocketKind, std::array<std::uint8_t, 16>, std::uint16_t,
                          std::array<std::uint8_t, 16>, std::uint16_t>;
  struct EndsHash {
    std::size_t operator()(const Ends& e) const {
      std::size_t h = static_cast<std::size_t>(std::get<0>(e)) * 1000003u;
      for (std::uint8_t b : std::get<1>(e))
        h = h * 131 + b;
      for (std::uint8_t b : std::get<3>(e))
        h = h * 131 + b;
      return h ^ (std::size_t{std::get<2>(e)} << 16) ^ std::get<4>(e);
    }
  };
  auto pairable = [](const Socket& s) {
    switch (s.kind) {
      case SocketKind::Tcp4:
      case SocketKind::Tcp6:
      case SocketKind::Udp4:
      case SocketKind::Udp6:
      case SocketKind::UdpLite4:
      case SocketKind::UdpLite6:
        return s.state == kTcpEstablished;
      default:
        return false;
    }
  };
  std::unordered_map<Ends, std::uint64_t, EndsHash> by_ends;
  for (const Socket& s : sockets_)
    if (pairable(s))
      by_ends.emplace(Ends{s.kind, s.local, s.local_port, s.remote, s.remote_port}, s.inode);
  std::unordered_map<std::uint64_t, std::uint64_t> peers;
  for (const Socket& s : sockets_) {
    if (!pairable(s) || peers.count(s.inode)) continue;
    auto mirror = by_ends.find(Ends{s.kind, s.remote, s.remote_port, s.local, s.local_port});
    if (mirror == by_ends.end() || mirror->second == s.inode || peers.count(mirror->second))
      continue;
    peers.emplace(s.inode, mirror->second);
    peers.emplace(mirror->second, s.inode);
  }
  return peers;
}

std::string_view SocketTable::path(const Socket& s) const {
  if (s.path_offset_ + std::size_t{s.path_length_} > strings_.size()) return {};
  return std::string_view(strings_).substr(s.path_offset_, s.path_length_);
}

std::span<const std::uint64_t> SocketTable::pending(const Socket& s) const {
  if (s.pending_offset_ + std::size_t{s.pending_count_} > pending_.size()) return {};
  return std::span(pending_).subspan(s.pending_offset_, s.pending_count_);
}

std::optional<std::string> socket_protocol_name(const char* fd_link_path) {
  char name[64];
  ssize_t n = ::getxattr(fd_link_path, "system.sockprotoname", name, sizeof name);
  if (n <= 0) return std::nullopt;
  std::string_view text(name, static_cast<std::size_t>(n));
  if (text.back() == '\0') text.remove_suffix(1);  // the kernel counts the NUL
  return std::string(text);
}

std::string proc_net_address_text(const Socket& s, bool remote) {
  const auto& bytes = remote ? s.remote : s.local;
  char text[48];
  int n = 0;
  for (std::size_t word = 0; word < s.address_length / 4u; ++word) {
    std::uint32_t host;
    std::memcpy(&host, bytes.data() + word * 4, 4);
    n += std::snprintf(text + n, sizeof text - n, "%08X", host);
  }
  n += std::snprintf(text + n, sizeof text - n, ":%04X", remote ? s.remote_port : s.local_port);
  return std::string(text, static_cast<std::size_t>(n));
}

}  // namespace procscan
