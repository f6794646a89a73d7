#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using header_list = std::vector<std::pair<std::string, std::string>>;

struct http_response {
  unsigned status = 0;
  std::string body;
  header_list headers;  ///< names in lower case

  /// The first header named `name` (any case), if any.
  std::optional<std::string> header(std::string_view name) const;
  /// The code of a JSON error body, {"error": {"code": …}}.
  std::string error_code() const;
};

struct http_client_options {
  bool tls = false;  ///< speak HTTPS; the server's certificate is not verified
  /// The longest any single step may take; a step that takes longer throws. Never an assertion.
  std::chrono::milliseconds step_timeout{30'000};
  /// The loopback address to connect from, e.g. "127.0.0.2"; empty lets the system choose.
  std::string local_address{};
};

/// A blocking HTTP/1.1 client for tests. It keeps its connection alive between requests and opens a
/// new one only when there is none (at first, or after the server said Connection: close).
/// Network failures and timeouts throw std::runtime_error.
class http_client {
public:
  http_client(std::string host, unsigned short port, http_client_options options = {});
  ~http_client();
  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;
  http_client(http_client&&) noexcept;
  http_client& operator=(http_client&&) noexcept;

  /// Sends one request (Host and Content-Length are added) and reads its response.
  http_response request(std::string_view method, std::string_view target, std::string_view body = {},
                        const header_list& headers = {});

  /// Writes `bytes` as they are, connecting first if needed.
  void send_raw(std::string_view bytes);
  /// Reads one response from the connection.
  http_response read_response();
  /// Reads and discards until the server closes the connection (true), or the step timeout
  /// passes without it closing (false).
  bool wait_for_close();

  /// Closes the connection; the next request opens a new one.
  void disconnect();
  bool connected() const;
  /// How many connections this client has opened so far.
  std::size_t connections_opened() const;

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};
