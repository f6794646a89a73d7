#pragma once

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "pedalpower/kiosk/backend_url.hpp"

namespace pedalpower::kiosk {

struct client_settings {
  backend_url url;
  std::string ca_file;  ///< PEM bundle the server's certificate must chain to; empty uses the system store
  std::chrono::milliseconds timeout{5000};  ///< for a whole exchange: connect, TLS, send and receive
};

struct outgoing_request {
  std::string method;
  std::string target;  ///< path and query, below the URL's prefix
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  ///< sent as application/json when not empty
};

struct incoming_reply {
  unsigned status = 0;
  std::string body;
};

/// No answer from the backend: name resolution, connection, TLS verification, or the timeout.
class network_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// An HTTP/1.1 client for the backend. Over TLS it verifies the certificate chain against the
/// configured CA and the name against the URL's host (SNI sent). One connection per exchange.
/// Safe to use from several threads at once.
class backend_client {
public:
  /// Throws std::runtime_error if the CA file cannot be loaded.
  explicit backend_client(client_settings settings);

  /// Sends `out` and waits for the answer. Throws network_error when none came.
  incoming_reply send(const outgoing_request& out) const;

  const backend_url& url() const noexcept { return settings_.url; }

private:
  struct tls_state;

  client_settings settings_;
  std::shared_ptr<tls_state> tls_;  ///< the verifying TLS context, when the URL is https
};

}  // namespace pedalpower::kiosk
