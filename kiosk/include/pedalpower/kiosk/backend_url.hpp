#pragma once

#include <string>
#include <string_view>

namespace pedalpower::kiosk {

/// Where the backend lives: `https://host[:port][/prefix]`.
struct backend_url {
  bool tls = true;
  std::string host;
  std::string port;
  std::string prefix;  ///< a path the API sits under, without a trailing slash; usually empty
};

/// Parses the --backend-url flag. Plain http:// is accepted only for a loopback host, because the
/// kiosk sends its device token and staff PINs. Throws std::invalid_argument saying what is wrong.
backend_url parse_backend_url(std::string_view text);

}  // namespace pedalpower::kiosk
