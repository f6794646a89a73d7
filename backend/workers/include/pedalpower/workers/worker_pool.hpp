#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <limits>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace pedalpower::workers {

/// A fixed set of threads taking jobs from one queue, oldest first. The number of jobs taken in
/// (running or waiting) can be bounded, so a flood is turned away instead of piling up work.
class worker_pool {
public:
  static constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();

  struct settings {
    std::string name;               ///< says whose job failed in the error line of one that throws
    std::size_t threads = 1;        ///< one thread runs jobs one at a time, in order
    std::size_t max_waiting = unbounded;  ///< jobs queued beyond the ones running
    bool background = false;        ///< run at a lower CPU priority than the threads that submit
  };

  /// Starts the threads. Throws std::invalid_argument for no threads, std::system_error if one
  /// cannot be started.
  explicit worker_pool(settings options);
  /// Runs the jobs already queued, then stops.
  ~worker_pool();
  worker_pool(const worker_pool&) = delete;
  worker_pool& operator=(const worker_pool&) = delete;

  /// Queues `job`; false, without queuing it, when every thread is busy and max_waiting jobs are
  /// already waiting. A job that throws is reported on stderr; the thread goes on.
  bool try_submit(std::function<void()> job);

private:
  void work();

  settings settings_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> waiting_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace pedalpower::workers
