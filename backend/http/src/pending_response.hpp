#pragma once

#include <mutex>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>

#include "pedalpower/api/response.hpp"

namespace pedalpower::http {

/// A connection's coroutine waiting for the API's answer, which may come from any thread (the
/// database writer's, typically). The answer is posted back to the connection's strand.
class pending_response {
public:
  using handler = boost::asio::any_completion_handler<void(api::response)>;

  pending_response(handler resume, boost::asio::any_io_executor strand);
  /// A responder dropped without an answer still resumes the connection, with a 500.
  ~pending_response();
  pending_response(const pending_response&) = delete;
  pending_response& operator=(const pending_response&) = delete;

  /// Resumes the connection with `answer`; later calls are ignored.
  void answer(api::response answer);
  /// Drops the waiting coroutine without resuming it; for a server whose io threads have stopped.
  void abandon();

private:
  std::mutex mutex_;
  handler resume_;
  boost::asio::any_io_executor strand_;
  boost::asio::executor_work_guard<boost::asio::any_io_executor> keep_running_;
};

}  // namespace pedalpower::http
