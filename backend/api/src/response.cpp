#include "pedalpower/api/response.hpp"

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

}  // namespace pedalpower::api
