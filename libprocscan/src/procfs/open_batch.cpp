#include "procfs/open_batch.h"

#include <fcntl.h>
#include <liburing.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

namespace procscan::procfs {

namespace {

// Enough for the files of a run of 32 processes with every per-process file asked for,
// and the closes of the run before; a larger batch is submitted in parts.
constexpr unsigned kRingEntries = 512;
// A completion's tag: 0 for a close (seen only when the kernel cannot skip successful
// ones), else the open() call's number in the high half and the request's index + 1 in the
// low half, so that an answer to an earlier call is never taken for one of this call.
constexpr std::uint64_t kCloseTag = 0;

class UringOpenBatch final : public OpenBatch {
 public:
  UringOpenBatch(const io_uring& ring, bool skip_close_completions)
      : ring_(ring), skip_close_completions_(skip_close_completions) {}
  ~UringOpenBatch() override {
    flush();
    // Opens still running would leave descriptors nobody closes: wait for them (unless
    // some could not even be sent).
    if (io_uring_sq_ready(&ring_) == 0)
      while (outstanding_opens_ > 0 && wait_one())
        reap({});
    io_uring_queue_exit(&ring_);
  }

  std::size_t open(std::span<const Request> requests, std::span<int> fds) override {
    ++call_;
    std::size_t waited = 0;
    std::size_t next = 0;
    while (next < requests.size()) {
      const std::size_t first = next;
      for (; next < requests.size(); ++next) {
        io_uring_sqe* sqe = io_uring_get_sqe(&ring_);
        if (!sqe) break;
        io_uring_prep_openat(sqe, requests[next].dirfd, requests[next].path,
                             O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
        io_uring_sqe_set_data64(sqe, call_ << 32 | (next + 1));
        fds[next] = kNotBatched;
        ++outstanding_opens_;
      }
      const std::size_t sent = next - first;
      // Not sent now, perhaps later: the answers are then closed unread (reap()), and
      // every file of this call that is not open yet is opened the plain way.
      if (!submit()) return waited + (requests.size() - first);
      std::size_t seen = reap(fds);
      waited += sent - seen;
      while (seen < sent && wait_one())
        seen += reap(fds);
      if (seen < sent) return waited + (requests.size() - next);
    }
    return waited;
  }

  void close_later(int fd) override {
    io_uring_sqe* sqe = io_uring_get_sqe(&ring_);
    if (!sqe && submit()) sqe = io_uring_get_sqe(&ring_);
    if (!sqe) {
      ::close(fd);
      return;
    }
    io_uring_prep_close(sqe, fd);
    io_uring_sqe_set_data64(sqe, kCloseTag);
    if (skip_close_completions_) sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
  }

  void flush() override {
    if (io_uring_sq_ready(&ring_) > 0) submit();
    reap({});
  }

 private:
  bool submit() {
    int ret;
    do {
      ret = io_uring_submit(&ring_);
    } while (ret == -EINTR);
    return ret >= 0;
  }

  // Waits for a completion; false when none came (the bound only guards against a
  // miscount, which would otherwise hang the scan).
  bool wait_one() {
    io_uring_cqe* cqe = nullptr;
    __kernel_timespec bound{.tv_sec = 10, .tv_nsec = 0};
    int ret;
    do {
      ret = io_uring_wait_cqe_timeout(&ring_, &cqe, &bound);
    } while (ret == -EINTR);
    return ret == 0;
  }

  // Takes every completion that is ready: this call's opens fill `fds` (their count is
  // returned); an open of an earlier call, whose caller went on without it, is closed.
  std::size_t reap(std::span<int> fds) {
    std::size_t seen = 0;
    io_uring_cqe* cqe = nullptr;
    unsigned head;
    unsigned ready = 0;
    io_uring_for_each_cqe(&ring_, head, cqe) {
      ++ready;
      const std::uint64_t tag = io_uring_cqe_get_data64(cqe);
      if (tag == kCloseTag || tag == LIBURING_UDATA_TIMEOUT) continue;
      --outstanding_opens_;
      const std::uint64_t index = (tag & 0xffffffffu) - 1;
      if (tag >> 32 == call_ && index < fds.size()) {
        fds[index] = cqe->res;
        ++seen;
      } else if (cqe->res >= 0) {
        ::close(cqe->res);
      }
    }
    io_uring_cq_advance(&ring_, ready);
    return seen;
  }

  io_uring ring_;
  bool skip_close_completions_;
  std::uint64_t call_ = 0;
  long outstanding_opens_ = 0;  // asked for, not yet answered
};

bool opens_and_closes(io_uring& ring) {
  io_uring_probe* probe = io_uring_get_probe_ring(&ring);
  if (!probe) return false;
  const bool ok = io_uring_opcode_supported(probe, IORING_OP_OPENAT) &&
                  io_uring_opcode_supported(probe, IORING_OP_CLOSE);
  io_uring_free_probe(probe);
  return ok;
}

}  // namespace

std::unique_ptr<OpenBatch> OpenBatch::create() {
  io_uring ring;
  io_uring_params params{};
  // One thread submits, and completions of work handed to kernel workers are collected
  // when it waits, not by interrupting it (6.1); older kernels refuse the flags.
  params.flags = IORING_SETUP_SUBMIT_ALL | IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
  if (io_uring_queue_init_params(kRingEntries, &ring, &params) < 0) {
    params = io_uring_params{};
    if (io_uring_queue_init_params(kRingEntries, &ring, &params) < 0) return nullptr;
  }
  if (!opens_and_closes(ring)) {
    io_uring_queue_exit(&ring);
    return nullptr;
  }
  return std::make_unique<UringOpenBatch>(ring, (params.features & IORING_FEAT_CQE_SKIP) != 0);
}

}  // namespace procscan::procfs
