// SocketTable::read: for each kind asked for, one sock_diag dump, else its /proc/net file;
// /proc/net/unix once more for unix "Num" when asked. Every read is counted and named.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "sockets/decoders.h"
#include "sockets/kinds.h"
#include "sockets/sock_diag_dump.h"
#include "util/unique_fd.h"

namespace procscan {
namespace {

// The whole file, or the errno of its open or read.
std::optional<std::string> read_whole(const std::string& path, int& error) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) {
    error = errno;
    return std::nullopt;
  }
  std::string text;
  std::size_t used = 0;
  for (;;) {
    if (text.size() - used < 16384) text.resize(used + 65536);
    ssize_t n = ::read(fd.get(), text.data() + used, text.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno;
      return std::nullopt;
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  text.resize(used);
  return text;
}

std::string describe(std::string_view what, int error) {
  return std::string(what) + ": " + std::strerror(error);
}

// One kind by sock_diag; on failure the records it added are taken back.
bool read_by_sock_diag(SocketKind kind, SocketTable::Builder& out) {
  std::string what = "sock_diag " + std::string(socket_kind_name(kind));
  out.stats().sock_diag_dumps++;
  out.stats().reads.push_back(what);
  const std::size_t before = out.size();
  sockets::DiagChunk last;
  bool ended = false;
  int error = sockets::sock_diag_dump(kind, [&](std::span<const std::byte> bytes) {
    last = sockets::decode_sock_diag(bytes, kind, out);
    ended = last.done || last.error != 0;
    return !ended;
  });
  if (error == 0 && !ended) error = EPROTO;  // the kernel closed without NLMSG_DONE
  if (error == 0) error = last.error;
  if (error == 0) return true;
  out.truncate(before);
  out.stats().failures.push_back(describe(what, error));
  return false;
}

bool read_proc_net(const SocketQuery& query, SocketKind kind, bool addresses_only,
                   SocketTable::Builder& out) {
  std::string path = query.proc_net_dir + "/" + std::string(socket_kind_name(kind));
  out.stats().proc_net_files++;
  out.stats().reads.push_back(path);
  int error = 0;
  std::optional<std::string> text = read_whole(path, error);
  if (!text) {
    out.stats().failures.push_back(describe(path, error));
    return false;
  }
  const std::size_t before = out.size();
  bool known = kind == SocketKind::Unix ? sockets::parse_proc_net_unix(*text, addresses_only, out)
               : kind == SocketKind::Netlink ? sockets::parse_proc_net_netlink(*text, out)
               : kind == SocketKind::Packet  ? sockets::parse_proc_net_packet(*text, out)
                                             : sockets::parse_proc_net_inet(*text, kind, out);
  if (!known) {
    out.truncate(before);
    out.stats().failures.push_back(path + ": unknown header");
  }
  return known;
}

}  // namespace

SocketTable SocketTable::read(const SocketQuery& query) {
  Builder out;
  for (int i = 0; i < kSocketKindCount; ++i) {
    auto kind = static_cast<SocketKind>(i);
    if (!query.kinds.has(kind)) continue;
    // Kinds without a sock_diag dump (ping sockets) always come from /proc/net.
    const bool diag = query.source != SocketSource::ProcNet && sockets::has_sock_diag(kind);
    bool from_diag = diag && read_by_sock_diag(kind, out);
    bool may_use_text = query.source != SocketSource::SockDiag || !sockets::has_sock_diag(kind);
    if (!from_diag && may_use_text) read_proc_net(query, kind, false, out);
    if (kind == SocketKind::Unix && from_diag && query.unix_kernel_addresses)
      read_proc_net(query, kind, true, out);
  }
  return std::move(out).build();
}

}  // namespace procscan
