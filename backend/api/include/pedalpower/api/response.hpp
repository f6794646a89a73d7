#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace pedalpower::api {

struct response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers, e.g. Set-Cookie
};

/// Called exactly once with the answer; may be called from any thread.
using responder = std::function<void(response)>;

/// A JSON response of `status` with `value` as its body.
response json_response(const nlohmann::json& value, unsigned status = 200);

/// 201 Created with `value` as its body and `Location: <location>`.
response created_response(const nlohmann::json& value, std::string location);

/// 204 No Content: what a DELETE answers.
response no_content();

/// The error body every API failure uses: {"error": {"code", "message", "field"}}.
response error_response(unsigned status, std::string_view code, std::string_view message, std::string_view field = {});

/// An error response telling the caller when to try again: a Retry-After header and
/// `retry_after_seconds` in the error body.
response retry_later(unsigned status, std::string_view code, std::string_view message, std::string_view field,
                     std::int64_t seconds);

}  // namespace pedalpower::api
