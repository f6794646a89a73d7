#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "pedalpower/workers/worker_pool.hpp"

using pedalpower::workers::worker_pool;
using namespace std::chrono_literals;

namespace {

// A guard so a broken pool fails the test instead of hanging it; never an assertion about speed.
constexpr auto give_up_after = 30s;

}  // namespace

TEST_CASE("one thread runs its jobs one at a time, in the order given")
{
  std::mutex mutex;
  std::vector<int> order;
  {
    worker_pool pool({.name = "test", .threads = 1});
    for (int i = 0; i < 100; ++i) {
      REQUIRE(pool.try_submit([&, i] {
        const std::lock_guard lock(mutex);
        order.push_back(i);
      }));
    }
  }
  REQUIRE(order.size() == 100);
  for (int i = 0; i < 100; ++i) CHECK(order[i] == i);
}

TEST_CASE("a bounded pool turns jobs away past its threads and waiting places, and takes them again once free")
{
  std::promise<void> release;
  const auto released = release.get_future().share();
  std::promise<void> both_started;
  std::atomic<int> started{0};
  worker_pool pool({.name = "test", .threads = 2, .max_waiting = 1});
  const auto held = [&] {
    if (++started == 2) both_started.set_value();
    released.wait();
  };
  REQUIRE(pool.try_submit(held));
  REQUIRE(pool.try_submit(held));
  REQUIRE(both_started.get_future().wait_for(give_up_after) == std::future_status::ready);
  std::promise<void> waiting_ran;
  CHECK(pool.try_submit([&] { waiting_ran.set_value(); }));
  CHECK_FALSE(pool.try_submit([] {}));

  release.set_value();
  CHECK(waiting_ran.get_future().wait_for(give_up_after) == std::future_status::ready);
  std::promise<void> later_ran;
  bool taken = false;
  for (auto deadline = std::chrono::steady_clock::now() + give_up_after;
       !taken && std::chrono::steady_clock::now() < deadline;) {
    taken = pool.try_submit([&] { later_ran.set_value(); });
  }
  REQUIRE(taken);
  CHECK(later_ran.get_future().wait_for(give_up_after) == std::future_status::ready);
}

TEST_CASE("a job that throws leaves the thread running the next ones")
{
  std::promise<void> next_ran;
  worker_pool pool({.name = "test", .threads = 1});
  REQUIRE(pool.try_submit([] { throw std::runtime_error("deliberate failure"); }));
  REQUIRE(pool.try_submit([&] { next_ran.set_value(); }));
  CHECK(next_ran.get_future().wait_for(give_up_after) == std::future_status::ready);
}

TEST_CASE("destroying a pool runs the jobs already queued first")
{
  std::atomic<int> ran{0};
  {
    worker_pool pool({.name = "test", .threads = 1});
    for (int i = 0; i < 50; ++i) REQUIRE(pool.try_submit([&] { ++ran; }));
  }
  CHECK(ran == 50);
}

TEST_CASE("a pool needs a thread")
{
  CHECK_THROWS_AS(worker_pool({.name = "test", .threads = 0}), std::invalid_argument);
}
