// /proc/task-diag as a Transport, or the stand-in named by PROCSCAN_TASKDIAG_PATH.
//
// A regular task_diag file is opened O_RDWR once and spoken to with write() and read(),
// exactly as the reference describes. No mainline kernel has the file, so a stand-in can
// serve it instead: a path that is an AF_UNIX SOCK_SEQPACKET socket is connected afresh for
// each dump; the request is one packet, each packet one read, and the server's close (or a
// zero-length packet) ends the dump. A packet of exactly 4 bytes carries an errno: the read
// fails with it, as the kernel's read() would.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "taskdiag/transport.h"
#include "util/unique_fd.h"

namespace procscan::taskdiag {

inline constexpr const char* kPathVariable = "PROCSCAN_TASKDIAG_PATH";

// The file to use: $PROCSCAN_TASKDIAG_PATH when set, else /proc/task-diag, else the CRIU
// wiki's spelling /proc/task_diag; "" when none exists.
std::string find_task_diag_path();

class KernelTransport final : public Transport {
 public:
  // Opens and validates the source (reference 3.10: a DUMP_ONE of ourselves must come back
  // as one 0xD101 message with BASE, CRED and STAT of 44, 64 and 72 bytes and our pid), then
  // probes which of STATM, CMDLINE and our extension attributes it serves. nullptr with
  // `why` set when there is no such file or it does not speak this protocol.
  static std::unique_ptr<KernelTransport> open(std::string& why);

  std::string_view name() const override { return "taskdiag"; }
  std::uint64_t attributes() const override { return attributes_; }
  int send(std::span<const std::byte> request) override;
  ssize_t receive(std::span<std::byte> buffer) override;

  const std::string& path() const { return path_; }

 private:
  KernelTransport(std::string path, bool is_socket) : path_(std::move(path)), socket_(is_socket) {}
  int reopen();
  bool probe(std::string& why);

  std::string path_;
  bool socket_;
  UniqueFd fd_;
  std::uint64_t attributes_ = 0;
};

}  // namespace procscan::taskdiag
