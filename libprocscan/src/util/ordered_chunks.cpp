#include "util/ordered_chunks.h"

#include <atomic>
#include <cstdint>
#include <exception>
#include <memory>
#include <system_error>
#include <thread>

namespace procscan {

namespace {
enum ChunkState : std::uint32_t { kPending, kDone, kFailed };
}  // namespace

void run_ordered(const OrderedChunks& work) {
  const std::size_t n = work.count;
  if (n == 0) return;
  std::unique_ptr<std::atomic<std::uint32_t>[]> state(new std::atomic<std::uint32_t>[n]());
  std::atomic<std::size_t> next{0};
  std::exception_ptr helper_error;

  auto help = [&] {
    std::size_t chunk = 0;
    try {
      while ((chunk = next.fetch_add(1, std::memory_order_relaxed)) < n) {
        work.run(1, chunk);
        state[chunk].store(kDone, std::memory_order_release);
        state[chunk].notify_one();
      }
    } catch (...) {
      helper_error = std::current_exception();
      // The caller waits at most for this chunk: every earlier chunk of ours is done.
      state[chunk].store(kFailed, std::memory_order_release);
      state[chunk].notify_one();
    }
  };
  std::thread helper;
  try {
    helper = std::thread(help);
  } catch (const std::system_error&) {
    // No thread to be had (RLIMIT_NPROC, threads-max): the caller does every chunk.
  }
  // On every way out, including an exception of ours: no new claims, then the join.
  struct Stop {
    std::atomic<std::size_t>& next;
    std::thread& helper;
    std::size_t n;
    void now() {
      if (!helper.joinable()) return;
      next.store(n, std::memory_order_relaxed);
      helper.join();
    }
    ~Stop() { now(); }
  } stop{next, helper, n};

  std::size_t delivered = 0;
  while (delivered < n) {
    const std::uint32_t s = state[delivered].load(std::memory_order_acquire);
    if (s == kFailed) break;
    if (s == kDone) {
      work.deliver(delivered++);
      continue;
    }
    // The next chunk in order is not ready: help rather than wait, while work is left.
    if (const std::size_t chunk = next.fetch_add(1, std::memory_order_relaxed); chunk < n) {
      work.run(0, chunk);
      state[chunk].store(kDone, std::memory_order_relaxed);
      continue;
    }
    state[delivered].wait(kPending, std::memory_order_acquire);
  }
  stop.now();
  if (helper_error) std::rethrow_exception(helper_error);
}

}  // namespace procscan
