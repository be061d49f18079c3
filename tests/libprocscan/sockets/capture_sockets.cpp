// Captures what the socket table reads, for the decoder tests and fuzz seeds: run it in a
// fresh network namespace (tests/data/sockets/README.md) so the capture holds only the
// sockets it opens itself. Writes into OUTDIR: sock_diag_<kind>.bin (the replies of one
// dump, as received), proc_net_<kind>.txt and manifest.txt (tests/libprocscan/sockets/
// socket_zoo.h says its format).
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "socket_zoo.h"
#include "sockets/decoders.h"
#include "sockets/sock_diag_dump.h"
#include "util/read_file.h"

namespace {

void bring_loopback_up() {
  int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  struct ifreq req {};
  std::strcpy(req.ifr_name, "lo");
  if (::ioctl(fd, SIOCGIFFLAGS, &req) == 0) {
    req.ifr_flags |= IFF_UP;
    if (::ioctl(fd, SIOCSIFFLAGS, &req) != 0) std::perror("SIOCSIFFLAGS lo");
  }
  ::close(fd);
}

void write_file(const std::string& path, const void* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: unshare --net %s OUTDIR\n", argv[0]);
    return 2;
  }
  const std::string out = argv[1];
  bring_loopback_up();
  // Ping sockets for every group (this namespace's own setting).
  std::ofstream("/proc/sys/net/ipv4/ping_group_range") << "0 2147483647\n";
  ::mkdir("/tmp/td-sockets-capture", 0700);
  td_test::SocketZoo zoo("/tmp/td-sockets-capture");
  for (const std::string& s : zoo.skipped)
    std::fprintf(stderr, "skipped %s\n", s.c_str());
  std::string manifest = td_test::write_manifest(zoo.sockets);
  write_file(out + "/manifest.txt", manifest.data(), manifest.size());
  for (int k = 0; k < procscan::kSocketKindCount; ++k) {
    auto kind = static_cast<procscan::SocketKind>(k);
    std::string name(procscan::socket_kind_name(kind));
    if (procscan::sockets::has_sock_diag(kind)) {
      std::vector<std::byte> bytes;
      int error = procscan::sockets::sock_diag_dump(kind, [&](std::span<const std::byte> chunk) {
        bytes.insert(bytes.end(), chunk.begin(), chunk.end());
        procscan::SocketTable::Builder scratch;
        auto c = procscan::sockets::decode_sock_diag(chunk, kind, scratch);
        return !c.done && c.error == 0;
      });
      if (error != 0)
        std::fprintf(stderr, "sock_diag %s: %s\n", name.c_str(), std::strerror(error));
      write_file(out + "/sock_diag_" + name + ".bin", bytes.data(), bytes.size());
    }
    std::string text = procscan::read_small_file("/proc/net/" + name);
    write_file(out + "/proc_net_" + name + ".txt", text.data(), text.size());
  }
  return 0;
}
