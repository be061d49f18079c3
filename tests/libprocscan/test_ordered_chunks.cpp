// Helper threads (and the caller) run the chunks, the caller gets them back in order.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>
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

TEST_CASE("two helpers and a caller that only delivers", "[ordered_chunks]") {
  for (std::size_t count : {1u, 2u, 300u}) {
    std::vector<int> runs(count, 0);
    std::vector<unsigned> worker_of(count, 9);
    std::vector<std::size_t> delivered;
    std::mutex lock;
    std::vector<std::pair<unsigned, std::thread::id>> begun, ended;
    const auto caller = std::this_thread::get_id();
    bool ran_on_own_thread = true;
    std::vector<std::thread::id> thread_of_worker(3);
    OrderedChunks work;
    work.count = count;
    work.helpers = 2;
    work.caller_runs = false;
    work.helper_begin = [&](unsigned worker) {
      std::lock_guard hold(lock);
      begun.emplace_back(worker, std::this_thread::get_id());
      thread_of_worker[worker] = std::this_thread::get_id();
    };
    work.helper_end = [&](unsigned worker) {
      std::lock_guard hold(lock);
      ended.emplace_back(worker, std::this_thread::get_id());
    };
    work.run = [&](unsigned worker, std::size_t chunk) {
      ++runs[chunk];
      worker_of[chunk] = worker;
      std::lock_guard hold(lock);
      if (std::this_thread::get_id() != thread_of_worker[worker]) ran_on_own_thread = false;
    };
    work.deliver = [&](std::size_t chunk) {
      CHECK(std::this_thread::get_id() == caller);
      CHECK(runs[chunk] == 1);
      delivered.push_back(chunk);
    };
    run_ordered(work);
    REQUIRE(delivered.size() == count);
    for (std::size_t i = 0; i < count; ++i) {
      CHECK(delivered[i] == i);
      CHECK((worker_of[i] == 1 || worker_of[i] == 2));  // never the caller
    }
    CHECK(ran_on_own_thread);
    // Each helper began and ended once, on its own thread, which is not the caller's.
    REQUIRE(begun.size() == 2);
    REQUIRE(ended.size() == 2);
    for (const auto& [worker, id] : begun) {
      CHECK(id != caller);
      CHECK(std::count(ended.begin(), ended.end(), std::make_pair(worker, id)) == 1);
    }
    CHECK(begun[0].first != begun[1].first);
  }
}

TEST_CASE("a helper that fails before its first chunk stops the work without a hang",
          "[ordered_chunks]") {
  for (bool caller_runs : {false, true}) {
    std::atomic<int> ends{0};
    std::vector<std::size_t> delivered;
    OrderedChunks work;
    work.count = 50;
    work.helpers = 2;
    work.caller_runs = caller_runs;
    work.helper_begin = [&](unsigned worker) {
      if (worker == 2) throw std::runtime_error("no ring");
      // The other helper waits, so that the failure comes before it claims everything.
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    };
    work.helper_end = [&](unsigned) { ++ends; };
    work.run = [](unsigned, std::size_t) {};
    work.deliver = [&](std::size_t chunk) { delivered.push_back(chunk); };
    CHECK_THROWS_WITH(run_ordered(work), "no ring");
    CHECK(ends == 2);  // the failing helper cleans up too
    for (std::size_t i = 0; i < delivered.size(); ++i)
      CHECK(delivered[i] == i);
  }
}
