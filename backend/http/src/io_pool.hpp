#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

namespace pedalpower::http {

/// One io_context per network thread. A connection lives on one context from accept to close, so
/// its handlers never hop threads and need no strand: nothing is handed between threads on the
/// way from a request to its answer.
class io_pool {
public:
  explicit io_pool(int threads);

  /// The context the acceptor, signals and timers live on.
  boost::asio::io_context& first() noexcept { return *contexts_.front(); }
  /// The context for the next connection, taken in turn.
  boost::asio::io_context& next() noexcept;

  /// Runs every context, each on its own thread (the first on the caller's), until all are done.
  /// `run_one` is called on each thread with that thread's context and runs it to its end.
  void run(const std::function<void(boost::asio::io_context&)>& run_one);
  /// Lets the contexts end once their work is done, instead of waiting for connections to come.
  void release() noexcept { keep_waiting_.clear(); }
  /// Stops every context at once, abandoning what is still queued.
  void stop() noexcept;

private:
  using work_guard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;

  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  std::vector<work_guard> keep_waiting_;
  std::size_t turn_ = 0;
};

}  // namespace pedalpower::http
