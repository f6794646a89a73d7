#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pedalpower::api {

enum class role { coordinator, technician, reporter, kiosk, telematics };

std::string_view to_string(role r);
std::optional<role> role_from_string(std::string_view text);

/// The authenticated caller of a request: a person with a session cookie or a device with a token.
struct principal {
  role kind;
  std::int64_t id;        ///< users.id or devices.id
  std::string name;       ///< username or device name
  std::optional<std::int64_t> site_id;  ///< a kiosk's site
  bool via_cookie = false;              ///< cookie sessions need a CSRF token on changes
  std::string csrf_token;               ///< the session's token, when via_cookie

  /// The label written to the audit log: "user:3:alice" or "device:2:kiosk-basildon".
  std::string audit_label() const;
};

}  // namespace pedalpower::api
