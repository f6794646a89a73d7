#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace pedalpower::api::auth {

/// A few threads for the password and PIN hashes, which take a large fraction of a second each:
/// run on the threads serving connections they would stall everyone else. The queue is bounded so
/// a flood of sign-in attempts is turned away instead of piling up memory-hungry work.
class slow_hash_pool {
public:
  slow_hash_pool(std::size_t threads, std::size_t max_waiting);
  /// Runs the jobs already queued, then stops.
  ~slow_hash_pool();
  slow_hash_pool(const slow_hash_pool&) = delete;
  slow_hash_pool& operator=(const slow_hash_pool&) = delete;

  /// Queues `job`; false, without queuing it, when max_waiting jobs are already waiting.
  bool try_submit(std::function<void()> job);

private:
  void work();

  std::size_t max_waiting_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> waiting_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace pedalpower::api::auth
