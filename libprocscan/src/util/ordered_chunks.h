// Work split into numbered chunks, done by the calling thread and one helper thread, and
// handed back on the calling thread strictly in chunk order: scanning /proc on two cores
// while the caller formats what is already done, with output in the same order as a serial
// scan.
#pragma once

#include <cstddef>
#include <functional>

namespace procscan {

struct OrderedChunks {
  std::size_t count = 0;
  // Does chunk `chunk` on thread `worker` (0: the caller, 1: the helper). Chunks are
  // claimed in increasing order, each by one thread; a worker's calls never overlap.
  std::function<void(unsigned worker, std::size_t chunk)> run;
  // Called on the calling thread once per chunk, in chunk order, after run() of that chunk
  // has finished (its results are visible). It may be called while later chunks run.
  std::function<void(std::size_t chunk)> deliver;
};

// Runs and delivers every chunk, then returns; the helper thread is joined before return.
// An exception from run() on either thread or from deliver() stops the work (chunks not
// yet claimed are not run) and is rethrown here once the helper has stopped.
void run_ordered(const OrderedChunks& work);

}  // namespace procscan
