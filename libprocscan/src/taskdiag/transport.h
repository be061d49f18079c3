// Where task_diag messages come from: the kernel's /proc/task-diag (or a stand-in named by
// PROCSCAN_TASKDIAG_PATH), or our BPF iterators writing the same wire format. One decoder
// and one backend sit on top of any transport.
#pragma once

#include <sys/types.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace procscan::taskdiag {

class Transport {
 public:
  virtual ~Transport() = default;

  // "taskdiag" or "bpf": what --debug names.
  virtual std::string_view name() const = 0;

  // TASK_DIAG_SHOW() bits of the attributes this source can fill; the backend asks only
  // for these and completes every other field from procfs. The EXT_PROCFS bit says the
  // source marks every value it could not give as /proc shows it (kernel threads' long
  // names included), so nothing unmarked needs procfs.
  virtual std::uint64_t attributes() const = 0;

  // Whether the source answers TASK_DIAG_DUMP_ALL_PROCESS_THREAD (ours, not the kernel's).
  virtual bool serves_processes_with_threads() const { return false; }

  // Starts one dump: `request` is a whole nlmsghdr + task_diag_pid (see task_diag_abi.h).
  // Returns 0, or -errno when the request cannot be sent.
  virtual int send(std::span<const std::byte> request) = 0;

  // Reads the next whole messages of the dump into `buffer`. Returns the byte count, 0 at
  // the end of the dump, or -errno. The first call of a dump gets at least 16 KiB.
  virtual ssize_t receive(std::span<std::byte> buffer) = 0;

  // A source that can splits the next whole dump (ALL_PROCESS_THREAD) in two by tgid, so
  // that two threads read it at once: the tgids below `boundary` come through receive(),
  // the others through receive_second(), which only the thread whose kernel tid is
  // `second_reader` may call. False: the next dump comes whole through receive().
  virtual bool split_next_dump(std::uint32_t /*boundary*/, pid_t /*second_reader*/) {
    return false;
  }
  virtual ssize_t receive_second(std::span<std::byte> /*buffer*/) { return -EOPNOTSUPP; }
};

}  // namespace procscan::taskdiag
