#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace pedalpower::http {

/// How the server listens and what it tolerates from each connection.
struct server_options {
  std::string address = "127.0.0.1";  ///< an IP literal or "localhost"
  unsigned short port = 8080;         ///< 0 picks a free port; see server::port()

  /// PEM files; both set turns TLS on (plain HTTP is still recognised on the same port).
  std::string tls_certificate_file;
  std::string tls_private_key_file;
  /// Plain HTTP is refused on anything but loopback unless this is set.
  bool allow_plain_http = false;

  std::size_t header_limit = 8 * 1024;  ///< bytes; a larger header gets 431
  std::size_t body_limit = 1024 * 1024;  ///< bytes; a larger body gets 413
  std::chrono::milliseconds request_timeout{10'000};  ///< to receive a request once its first byte arrived
  std::chrono::milliseconds idle_timeout{30'000};     ///< to wait for the next request on a kept-alive connection
  std::chrono::milliseconds write_timeout{10'000};    ///< to send a response
  /// A download (an answer sent from a file, such as an export) must keep this pace: at least
  /// `download_min_bytes` in every `download_window`, or its connection is closed, so a reader too
  /// slow to matter cannot hold a connection and a file for ever.
  std::size_t download_min_bytes = 320 * 1024;
  std::chrono::milliseconds download_window{10'000};
  std::chrono::milliseconds shutdown_timeout{10'000};  ///< for in-flight requests to finish after stop()
  std::size_t max_connections = 1024;  ///< connections past it are closed at once
  /// Connections from one client address past it are closed at once, so one client cannot take
  /// every place; an eighth of the total leaves room for others (clients behind one NAT share it).
  std::size_t max_connections_per_address = 128;

  int io_threads = 2;  ///< each serves the connections given to it, from accept to close
  bool stop_on_signals = false;  ///< SIGINT and SIGTERM call stop(); a second signal stops at once

  bool tls_enabled() const { return !tls_certificate_file.empty() && !tls_private_key_file.empty(); }
};

}  // namespace pedalpower::http
