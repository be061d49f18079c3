// The I/O of a sock_diag dump: a NETLINK_SOCK_DIAG socket, one request, the replies handed
// over as they arrive (each recv is whole netlink messages). Decoding is the caller's.
#pragma once

#include <cstddef>
#include <functional>
#include <span>

#include "procscan/sockets.h"

namespace procscan::sockets {

// Sends `kind`'s request and gives each reply datagram to `chunk` until it returns false
// (the caller saw NLMSG_DONE or an error) or the kernel stops. Returns 0, or the errno of
// the socket, send or recv that failed.
int sock_diag_dump(SocketKind kind, const std::function<bool(std::span<const std::byte>)>& chunk);

}  // namespace procscan::sockets
