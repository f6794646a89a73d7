#include "pedalpower/api/response.hpp"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

namespace pedalpower::api {

response json_response(const nlohmann::json& value, unsigned status)
{
  response out;
  out.status = status;
  out.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return out;
}

response created_response(const nlohmann::json& value, std::string location)
{
  auto created = json_response(value, 201);
  created.headers.emplace_back("Location", std::move(location));
  return created;
}

response no_content() { return {204, "", "", {}}; }

unsigned status_for(problem_kind kind)
{
  switch (kind) {
    case problem_kind::malformed: return 400;
    case problem_kind::unauthenticated: return 401;
    case problem_kind::forbidden: return 403;
    case problem_kind::not_found: return 404;
    case problem_kind::method_not_allowed: return 405;
    case problem_kind::not_acceptable: return 406;
    case problem_kind::conflict: return 409;
    case problem_kind::refused: return 409;
    case problem_kind::too_large: return 413;
    case problem_kind::unsupported_media_type: return 415;
    case problem_kind::invalid: return 422;
    case problem_kind::rate_limited: return 429;
    case problem_kind::headers_too_large: return 431;
    case problem_kind::internal: return 500;
    case problem_kind::not_implemented: return 501;
    case problem_kind::unavailable: return 503;
  }
  return 500;
}

response error_response(problem_kind kind, std::string_view code, std::string_view message, std::string_view field)
{
  return json_response({{"error", {{"code", code}, {"message", message}, {"field", field}}}}, status_for(kind));
}

response retry_later(problem_kind kind, std::string_view code, std::string_view message, std::string_view field,
                     std::int64_t seconds)
{
  const auto wait = std::max<std::int64_t>(seconds, 1);
  auto answer = json_response(
      {{"error", {{"code", code}, {"message", message}, {"field", field}, {"retry_after_seconds", wait}}}}, status_for(kind));
  answer.headers.emplace_back("Retry-After", std::to_string(wait));
  return answer;
}

}  // namespace pedalpower::api
