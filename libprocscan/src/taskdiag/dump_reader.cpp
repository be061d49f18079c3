#include "taskdiag/dump_reader.h"

#include <cstring>

namespace procscan::taskdiag {

namespace {
DumpRun failed(int error, std::size_t reads, const char* step) {
  return {DumpStatus::Failed, error, reads, std::string(step) + " failed: " + std::strerror(error)};
}
}  // namespace

DumpRun run_dump(Transport& transport, const Request& request, DumpDecoder& decoder,
                 std::vector<std::byte>& buffer) {
  const RequestBuffer bytes = encode_request(request);
  if (const int rc = transport.send(bytes); rc < 0) return failed(-rc, 0, "request");
  return read_dump([&](std::span<std::byte> into) { return transport.receive(into); }, decoder,
                   buffer);
}

DumpRun read_dump(const std::function<ssize_t(std::span<std::byte>)>& receive, DumpDecoder& decoder,
                  std::vector<std::byte>& buffer) {
  if (buffer.size() < kReadBufferSize) buffer.resize(kReadBufferSize);
  std::size_t reads = 0;
  for (;;) {
    const ssize_t n = receive(buffer);
    ++reads;
    if (n < 0) return failed(static_cast<int>(-n), reads, "read");
    if (n == 0) break;
    const auto got = std::span<const std::byte>(buffer.data(), static_cast<std::size_t>(n));
    if (!decoder.feed(got)) return {DumpStatus::Undecodable, 0, reads, decoder.error()->what};
    // NLMSG_DONE is not the kernel's way, but a source that sends it has nothing more; the
    // transport still expects its 0 read before a new request, so keep reading.
  }
  decoder.finish();
  return {DumpStatus::Ok, 0, reads, {}};
}

}  // namespace procscan::taskdiag
