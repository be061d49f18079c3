// Two threads run the chunks, the caller gets them back in order.
#include <atomic>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

#include "util/ordered_chunks.h"

using namespace procscan;

TEST_CASE("every chunk runs once and is delivered in order", "[ordered_chunks]") {
  for (std::size_t count : {0u, 1u, 2u, 7u, 500u}) {
    std::vector<int> runs(count, 0);
    std::vector<unsigned> worker_of(count, 9);
    std::vector<std::size_t> delivered;
    const auto caller = std::this_thread::get_id();
    bool delivered_on_caller = true;
    OrderedChunks work;
    work.count = count;
    work.run = [&](unsigned worker, std::size_t chunk) {
      ++runs[chunk];
      worker_of[chunk] = worker;
      // Uneven work, so that the threads overtake each other.
      volatile unsigned spin = 0;
      for (unsigned i = 0; i < (chunk % 5) * 2000; ++i)
        spin = spin + i;
    };
    work.deliver = [&](std::size_t chunk) {
      if (std::this_thread::get_id() != caller) delivered_on_caller = false;
      CHECK(runs[chunk] == 1);  // finished before it is handed back
      delivered.push_back(chunk);
    };
    run_ordered(work);
    CHECK(delivered_on_caller);
    REQUIRE(delivered.size() == count);
    for (std::size_t i = 0; i < count; ++i) {
      CHECK(delivered[i] == i);
      CHECK(runs[i] == 1);
      CHECK(worker_of[i] <= 1);
    }
  }
}

TEST_CASE("a failing chunk stops the work and its exception reaches the caller",
          "[ordered_chunks]") {
  for (std::size_t failing : {0u, 3u, 99u}) {
    std::atomic<std::size_t> ran{0};
    std::vector<std::size_t> delivered;
    OrderedChunks work;
    work.count = 100;
    work.run = [&](unsigned, std::size_t chunk) {
      ++ran;
      if (chunk == failing) throw std::runtime_error("chunk failed");
    };
    work.deliver = [&](std::size_t chunk) { delivered.push_back(chunk); };
    CHECK_THROWS_WITH(run_ordered(work), "chunk failed");
    CHECK(delivered.size() <= failing);
    for (std::size_t i = 0; i < delivered.size(); ++i)
      CHECK(delivered[i] == i);
  }
}

TEST_CASE("a failing delivery stops the helper too", "[ordered_chunks]") {
  OrderedChunks work;
  work.count = 1000;
  work.run = [](unsigned, std::size_t) {};
  work.deliver = [](std::size_t chunk) {
    if (chunk == 10) throw std::runtime_error("reader gone");
  };
  CHECK_THROWS_WITH(run_ordered(work), "reader gone");
}
