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

response error_response(unsigned status, std::string_view code, std::string_view message, std::string_view field)
{
  return json_response({{"error", {{"code", code}, {"message", message}, {"field", field}}}}, status);
}

response retry_later(unsigned status, std::string_view code, std::string_view message, std::string_view field,
                     std::int64_t seconds)
{
  const auto wait = std::max<std::int64_t>(seconds, 1);
  auto answer = json_response(
      {{"error", {{"code", code}, {"message", message}, {"field", field}, {"retry_after_seconds", wait}}}}, status);
  answer.headers.emplace_back("Retry-After", std::to_string(wait));
  return answer;
}

}  // namespace pedalpower::api
