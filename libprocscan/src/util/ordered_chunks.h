// Work split into numbered chunks, done by helper threads (and, unless told otherwise, the
// calling thread), and handed back on the calling thread strictly in chunk order: scanning
// /proc on every core while the caller formats what is already done, with output in the
// same order as a serial scan.
#pragma once

#include <cstddef>
#include <functional>

namespace procscan {

struct OrderedChunks {
  std::size_t count = 0;
  // Threads started to run chunks.
  unsigned helpers = 1;
  // Whether the caller runs chunks too while the next one in order is not done. When it
  // does not, it only delivers (it still runs them all if no helper could be started).
  bool caller_runs = true;
  // Does chunk `chunk` on thread `worker` (0: the caller, 1..helpers: the helpers). Chunks
  // are claimed in increasing order, each by one thread; a worker's calls never overlap.
  std::function<void(unsigned worker, std::size_t chunk)> run;
  // Called on the calling thread once per chunk, in chunk order, after run() of that chunk
  // has finished (its results are visible). It may be called while later chunks run.
  std::function<void(std::size_t chunk)> deliver;
  // If set, called on each helper thread before its first chunk and after its last (also
  // when the work stops early), for what belongs to the thread itself.
  std::function<void(unsigned worker)> helper_begin;
  std::function<void(unsigned worker)> helper_end;
};

// Runs and delivers every chunk, then returns; the helpers are joined before return.
// An exception from run() on any thread or from deliver() stops the work (chunks not yet
// claimed are not run) and is rethrown here once the helpers have stopped.
void run_ordered(const OrderedChunks& work);

}  // namespace procscan
