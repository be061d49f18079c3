#include "sockets/sock_diag_dump.h"

#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <sys/socket.h>

#include <cerrno>
#include <vector>

#include "sockets/decoders.h"
#include "util/unique_fd.h"

namespace procscan::sockets {

int sock_diag_dump(SocketKind kind, const std::function<bool(std::span<const std::byte>)>& chunk) {
  UniqueFd fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
  if (!fd) return errno;
  std::vector<std::byte> request = sock_diag_request(kind);
  struct sockaddr_nl kernel {};
  kernel.nl_family = AF_NETLINK;
  if (::sendto(fd.get(), request.data(), request.size(), 0,
               reinterpret_cast<const sockaddr*>(&kernel), sizeof kernel) < 0)
    return errno;
  // The kernel fills a dump datagram up to 32 KiB (or a page, if larger); a bigger buffer
  // never truncates one.
  std::vector<std::byte> buffer(64 * 1024);
  for (;;) {
    ssize_t n = ::recv(fd.get(), buffer.data(), buffer.size(), 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (n == 0) return 0;
    if (!chunk(std::span(buffer.data(), static_cast<std::size_t>(n)))) return 0;
  }
}

}  // namespace procscan::sockets
