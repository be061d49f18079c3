// Opens many /proc files with one system call and closes them with the next (io_uring).
//
// Why: a scan opens, reads and closes three files per process, and on a virtual machine the
// entry into and exit from the kernel of each of those calls costs about as much as the
// work done inside. io_uring does the opens and closes of a run of processes in one
// io_uring_enter, in line on the calling thread; only the reads stay plain read() calls.
// Reads are not batched: procfs files lack FMODE_NOWAIT, so io_uring would hand every read
// to a kernel worker thread, which is slower than reading (measured: reference 3.2, 7).
// An open whose dentry is not cached yet cannot be done in line either (LOOKUP_CACHED
// fails) and goes to a worker thread too: open() says how many did, and a scan that finds
// many cold stops batching.
//
// A ring belongs to the thread that made it: io_uring's worker threads belong to that
// thread and live as long as it does (the last one stays), so rings are made on scan
// threads that end with the scan, never on the caller's thread, whose own row ps shows.
#pragma once

#include <climits>
#include <memory>
#include <span>

namespace procscan::procfs {

// What open() leaves for a file it did not try (the ring was full or failed): the caller
// opens it itself.
inline constexpr int kNotBatched = INT_MIN;

class OpenBatch {
 public:
  // nullptr where io_uring cannot open and close files: built without liburing, a kernel
  // before 5.6, io_uring disabled (kernel.io_uring_disabled, a seccomp filter, as in
  // container runtimes' default profiles), or no memory for the ring.
  static std::unique_ptr<OpenBatch> create();
  virtual ~OpenBatch() = default;

  struct Request {
    int dirfd;
    const char* path;
  };
  // Opens each path relative to its dirfd, read-only and close-on-exec. fds[i] is the
  // descriptor, -errno, or kNotBatched. Returns how many opens were not done in line but
  // waited for a kernel worker thread (their names were not cached): a few cost little, a
  // batch of them more than plain opens would.
  virtual std::size_t open(std::span<const Request> requests, std::span<int> fds) = 0;
  // Closes `fd` with the next open() or flush().
  virtual void close_later(int fd) = 0;
  // Closes what close_later() was given. The destructor does it too.
  virtual void flush() = 0;
};

}  // namespace procscan::procfs
