#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pedalpower::api {
struct request;
}

namespace pedalpower::api::auth {

inline constexpr std::string_view session_cookie_name = "pp_session";

/// The value of cookie `name` in the request's Cookie headers, if any.
std::optional<std::string> cookie_value(const request& req, std::string_view name);

/// The token of an `Authorization: Bearer <token>` header value; nullopt for another scheme or none.
std::optional<std::string_view> bearer_token(std::string_view authorization);

/// The Set-Cookie value that hands the browser a session. Script cannot read it (HttpOnly) and other
/// sites cannot make the browser send it (SameSite=Strict); Secure when the request came over TLS.
std::string session_cookie(std::string_view token, std::int64_t max_age_seconds, bool secure);

/// The Set-Cookie value that makes the browser forget its session.
std::string cleared_session_cookie(bool secure);

}  // namespace pedalpower::api::auth
