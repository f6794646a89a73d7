#pragma once

#include <memory>

#include <boost/asio/any_io_executor.hpp>
#include <boost/beast/core/tcp_stream.hpp>

namespace pedalpower::http {

class pending_response;

/// The server's handle on one connection, shared with the coroutine serving it. Apart from the
/// thread-safe requests to close, members are used only on the connection's own thread.
class connection_control : public std::enable_shared_from_this<connection_control> {
public:
  explicit connection_control(boost::asio::any_io_executor executor) : executor_(std::move(executor)) {}

  const boost::asio::any_io_executor& executor() const noexcept { return executor_; }

  /// The socket under whatever stream the coroutine currently reads; null once it is gone.
  void attach(boost::beast::tcp_stream* transport) noexcept { transport_ = transport; }
  /// Idle: waiting for the first byte of a request, so closing loses nothing.
  void set_idle(bool idle) noexcept { idle_ = idle; }
  /// True once the server is stopping: finish the current request, then close.
  bool closing() const noexcept { return closing_; }
  /// The response the coroutine is waiting for, if any. Owned by the responder alone, so a
  /// responder dropped unanswered is noticed.
  void set_pending(std::weak_ptr<pending_response> pending) noexcept { pending_ = std::move(pending); }

  /// From any thread: close now if idle, otherwise after the current response.
  void close_when_idle();
  /// Only once the io threads have stopped: drop a coroutine still waiting for its response.
  void abandon_pending();

private:
  void cancel_transport() noexcept;

  boost::asio::any_io_executor executor_;
  boost::beast::tcp_stream* transport_ = nullptr;
  bool idle_ = true;
  bool closing_ = false;
  std::weak_ptr<pending_response> pending_;
};

}  // namespace pedalpower::http
