#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include "pedalpower/http/logger.hpp"
#include "pedalpower/http/server.hpp"

/// Options for a test server: loopback, a free port, one io thread per core we may use.
pedalpower::http::server_options test_server_options();

/// test_server_options() as `change` (called with them) leaves them.
template <typename Change>
pedalpower::http::server_options test_server_options(Change change)
{
  auto options = test_server_options();
  change(options);
  return options;
}

/// A pedalpower::http::server running on its own thread with a test's dispatch function.
class in_process_server {
public:
  explicit in_process_server(pedalpower::http::dispatcher dispatch,
                             pedalpower::http::server_options options = test_server_options());
  /// Stops the server and waits for it.
  ~in_process_server();
  in_process_server(const in_process_server&) = delete;
  in_process_server& operator=(const in_process_server&) = delete;

  unsigned short port() const { return server_->port(); }
  /// Asks the server to stop (in-flight requests finish) without waiting for it.
  void request_stop() { server_->stop(); }
  /// Stops the server and waits until it has finished.
  void stop();
  /// True once the server's run() has returned.
  bool finished() const;

private:
  pedalpower::http::logger log_;
  std::unique_ptr<pedalpower::http::server> server_;
  std::thread runner_;
  std::atomic<bool> finished_{false};
};
