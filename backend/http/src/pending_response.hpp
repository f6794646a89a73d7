#pragma once

#include <mutex>
#include <optional>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>

#include "pedalpower/api/response.hpp"

namespace pedalpower::http {

/// A connection's wait for the API's answer. Most answers come at once, inside the dispatcher,
/// and the connection goes on without suspending; the rest come later from any thread (the
/// database writer's, typically) and are posted back to the connection's executor.
class pending_response {
public:
  using handler = boost::asio::any_completion_handler<void(api::response)>;

  explicit pending_response(boost::asio::any_io_executor executor);
  /// A responder dropped without an answer still resumes the waiting connection, with a 500.
  ~pending_response();
  pending_response(const pending_response&) = delete;
  pending_response& operator=(const pending_response&) = delete;

  /// From any thread: delivers `answer`; later calls are ignored.
  void answer(api::response answer);
  /// The answer, if it has already come.
  std::optional<api::response> take_early_answer();
  /// Resumes `resume` on the connection's executor with the answer when it comes, or at once if it just came.
  void wait(handler resume);
  /// Drops the waiting coroutine without resuming it; for a server whose io threads have stopped.
  void abandon();

private:
  void post_resume(api::response answer);

  std::mutex mutex_;
  bool answered_ = false;
  std::optional<api::response> early_answer_;
  handler resume_;
  boost::asio::any_io_executor executor_;
  std::optional<boost::asio::executor_work_guard<boost::asio::any_io_executor>> keep_running_;
};

}  // namespace pedalpower::http
