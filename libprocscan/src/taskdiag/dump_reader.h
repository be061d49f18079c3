// The read loop of one dump (reference 3.1 and 3.10 step 4): send the request, read whole
// messages until a read returns 0, feed each read to the decoder. The first read gets the
// whole buffer (at least 16 KiB), because the kernel fixes its chunk size at the first read.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "taskdiag/decoder.h"
#include "taskdiag/request.h"
#include "taskdiag/transport.h"

namespace procscan::taskdiag {

inline constexpr std::size_t kReadBufferSize = 128 * 1024;

enum class DumpStatus {
  Ok,           // the dump ended with a 0 read (or NLMSG_DONE)
  Failed,       // send or a read failed: error_number says why (ESRCH: no such task)
  Undecodable,  // the bytes broke the protocol: the decoder's error says where
};

struct DumpRun {
  DumpStatus status = DumpStatus::Ok;
  int error_number = 0;
  std::size_t reads = 0;  // receive() calls, the final 0 included
  std::string why;        // one line when not Ok
};

// Runs one dump into `decoder` (finish() is called on success). `buffer` is reused between
// dumps and grown to kReadBufferSize.
DumpRun run_dump(Transport& transport, const Request& request, DumpDecoder& decoder,
                 std::vector<std::byte>& buffer);

// The read loop alone, for a dump already sent, through `receive` (Transport::receive or
// receive_second).
DumpRun read_dump(const std::function<ssize_t(std::span<std::byte>)>& receive, DumpDecoder& decoder,
                  std::vector<std::byte>& buffer);

}  // namespace procscan::taskdiag
