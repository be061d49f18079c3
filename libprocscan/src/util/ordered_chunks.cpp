#include "util/ordered_chunks.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace procscan {

namespace {
enum ChunkState : std::uint32_t { kPending, kDone, kFailed };
}  // namespace

void run_ordered(const OrderedChunks& work) {
  const std::size_t n = work.count;
  if (n == 0) return;
  std::unique_ptr<std::atomic<std::uint32_t>[]> state(new std::atomic<std::uint32_t>[n]());
  std::atomic<std::size_t> next{0};
  std::mutex error_lock;
  std::exception_ptr helper_error;
  // The caller sleeps on `ready` for the chunk it waits for, named in `awaited`. Not an
  // atomic wait: libstdc++'s spins with sched_yield first, and a caller that only delivers
  // would then take CPU time from the helpers it waits for.
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::atomic<std::size_t> awaited{kNone};
  std::mutex ready_lock;
  std::condition_variable ready;
  auto finish = [&](std::size_t chunk, ChunkState how) {
    state[chunk].store(how);
    if (awaited.load() == chunk) {
      std::lock_guard hold(ready_lock);
      ready.notify_one();
    }
  };

  // Called in a handler: keeps the first helper's exception for the caller.
  auto keep_error = [&] {
    std::lock_guard hold(error_lock);
    if (!helper_error) helper_error = std::current_exception();
  };
  auto help = [&](unsigned worker) {
    std::size_t chunk = n;
    try {
      if (work.helper_begin) work.helper_begin(worker);
      while ((chunk = next.fetch_add(1, std::memory_order_relaxed)) < n) {
        work.run(worker, chunk);
        finish(chunk, kDone);
      }
    } catch (...) {
      keep_error();
      // The caller waits at most for the first chunk nobody will run: this one, or when
      // the failure came outside a chunk, the first one not claimed yet.
      if (chunk >= n) chunk = next.exchange(n, std::memory_order_relaxed);
      next.store(n, std::memory_order_relaxed);
      if (chunk < n) finish(chunk, kFailed);
    }
    // Every chunk this helper claimed is done or failed: nothing waits on its end.
    if (work.helper_end) {
      try {
        work.helper_end(worker);
      } catch (...) {
        keep_error();
      }
    }
  };
  std::vector<std::thread> helpers;
  for (unsigned worker = 1; worker <= work.helpers; ++worker) {
    try {
      helpers.emplace_back(help, worker);
    } catch (const std::system_error&) {
      // No thread to be had (RLIMIT_NPROC, threads-max): the others do the chunks.
      break;
    }
  }
  const bool caller_runs = work.caller_runs || helpers.empty();
  // On every way out, including an exception of ours: no new claims, then the joins.
  struct Stop {
    std::atomic<std::size_t>& next;
    std::vector<std::thread>& helpers;
    std::size_t n;
    void now() {
      next.store(n, std::memory_order_relaxed);
      for (auto& helper : helpers)
        if (helper.joinable()) helper.join();
    }
    ~Stop() { now(); }
  } stop{next, helpers, n};

  std::size_t delivered = 0;
  while (delivered < n) {
    const std::uint32_t s = state[delivered].load(std::memory_order_acquire);
    if (s == kFailed) break;
    if (s == kDone) {
      work.deliver(delivered++);
      continue;
    }
    // The next chunk in order is not ready: help rather than wait, while work is left.
    if (caller_runs) {
      if (const std::size_t chunk = next.fetch_add(1, std::memory_order_relaxed); chunk < n) {
        work.run(0, chunk);
        state[chunk].store(kDone, std::memory_order_relaxed);
        continue;
      }
    }
    awaited.store(delivered);
    {
      std::unique_lock hold(ready_lock);
      ready.wait(hold, [&] { return state[delivered].load() != kPending; });
    }
    awaited.store(kNone);
  }
  stop.now();
  if (helper_error) std::rethrow_exception(helper_error);
}

}  // namespace procscan
