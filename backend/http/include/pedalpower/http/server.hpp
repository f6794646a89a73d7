#pragma once

#include <functional>
#include <memory>

#include "pedalpower/api/request.hpp"
#include "pedalpower/api/response.hpp"
#include "pedalpower/http/server_options.hpp"

namespace pedalpower::http {

class logger;

/// Serves one request; must call the responder exactly once, now or later from any thread.
using dispatcher = std::function<void(api::request, api::responder)>;

/// The HTTP/1.1 server: keep-alive, TLS detected on the listening port, limits and timeouts on every
/// connection, an access-log line per request, and a graceful stop.
class server {
public:
  /// Binds and listens. Throws std::invalid_argument for a bad address or plain HTTP on a
  /// non-loopback address without `allow_plain_http`, std::runtime_error if the TLS files cannot be
  /// loaded or the address cannot be bound.
  server(server_options options, dispatcher dispatch, logger& log);
  /// Must not run while run() is running on another thread: stop() and join it first.
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// The bound port (the chosen one when the options asked for 0).
  unsigned short port() const noexcept;
  bool secure() const noexcept;

  /// Serves on `io_threads` threads until stop() (or a signal) and every connection has closed, or
  /// the shutdown timeout passed. Call once.
  void run();

  /// Stops accepting, closes idle connections, lets in-flight requests finish, then ends run().
  /// Safe from any thread, more than once, and before run().
  void stop();

private:
  class impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace pedalpower::http
