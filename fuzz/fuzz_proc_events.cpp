// Proc connector datagrams from untrusted bytes: the input is a stream of datagrams, each a
// 4-byte little-endian length and its bytes (the format of tests/data/proc_events/); every
// datagram goes to parse_proc_events, which must stay inside it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "proc_events.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<procscan::ProcEvent> events;
  std::size_t at = 0;
  while (at < size) {
    std::uint32_t length = 0;
    std::memcpy(&length, data + at, std::min<std::size_t>(4, size - at));
    at = std::min(at + 4, size);
    length = static_cast<std::uint32_t>(std::min<std::size_t>(length, size - at));
    // A copy of exactly the datagram's size, so that AddressSanitizer sees any read past it.
    std::vector<std::byte> datagram(reinterpret_cast<const std::byte*>(data + at),
                                    reinterpret_cast<const std::byte*>(data + at + length));
    const std::size_t before = events.size();
    procscan::parse_proc_events(datagram, events);
    // Each event needs at least a netlink header, a cn_msg and an event's head.
    if ((events.size() - before) * 52 > datagram.size()) std::abort();
    at += length;
  }
  return 0;
}
