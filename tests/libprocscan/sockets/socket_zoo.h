// Sockets of every kind the socket table reads, opened by a test or the capture program,
// with what each must look like (from fstat, getsockname and the test's own choices).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "procscan/sockets.h"

namespace td_test {

struct ZooSocket {
  std::string label;
  procscan::SocketKind kind = procscan::SocketKind::Count;
  int fd = -1;
  std::uint64_t inode = 0;
  std::uint8_t type = 0;   // SOCK_STREAM, ...
  std::uint8_t state = 0;  // expected sk_state (TCP_* numbering), 0: not checked
  std::uint16_t local_port = 0, remote_port = 0;  // inet; raw: the protocol
  std::uint64_t peer_inode = 0;                   // unix, and inet pairs
  std::string path;                               // unix: kernel bytes (abstract: leading NUL)
  std::uint16_t protocol = 0;                     // netlink protocol, packet ethertype
};

class SocketZoo {
 public:
  // Unix paths are made under `directory`. Kinds the kernel refuses (no UDP-lite, no ping
  // sockets) are named in `skipped` instead.
  explicit SocketZoo(const std::string& directory);
  ~SocketZoo();
  SocketZoo(const SocketZoo&) = delete;
  SocketZoo& operator=(const SocketZoo&) = delete;

  const ZooSocket* find(const std::string& label) const;

  std::vector<ZooSocket> sockets;
  std::vector<std::string> skipped;

 private:
  std::vector<std::string> paths_;
};

// Manifest lines "label kind inode type state local_port remote_port peer_inode protocol
// path" (path "-" when empty, abstract names as "@name") and back.
std::string write_manifest(const std::vector<ZooSocket>& sockets);
std::vector<ZooSocket> read_manifest(const std::string& text);

}  // namespace td_test
