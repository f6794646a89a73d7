#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pedalpower/api/request.hpp"
#include "pedalpower/api/response.hpp"

namespace pedalpower::kiosk {

/// Keeps the agent's local API to the kiosk page it serves. Any page open in a browser on this
/// machine can send requests to 127.0.0.1; only the agent's own page knows the secret, and the Host
/// and Origin checks stop another site (or a DNS name rebound to 127.0.0.1) from reading it.
class local_guard {
public:
  /// Guards with a fresh random secret; nothing passes until listening_on names the address.
  local_guard();

  /// The addresses the agent answers to: `address:port`, and localhost's names for a loopback address.
  void listening_on(std::string_view address, unsigned short port);

  /// Why `req` may not be answered, if it may not: 403 for a Host not the agent's, for a /local/
  /// request from another origin or without the page's X-Kiosk-Secret; 415 for a /local/ POST that
  /// is not application/json.
  std::optional<api::response> refusal(const api::request& req) const;

  /// The kiosk page with the secret written into its `<meta name="kiosk-secret">`.
  void hand_secret_to(api::response& page) const;

  const std::string& secret() const noexcept { return secret_; }

private:
  bool known_host(std::string_view host) const;

  std::string secret_;
  std::vector<std::string> hosts_;
};

}  // namespace pedalpower::kiosk
