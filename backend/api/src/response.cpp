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

response error_response(unsigned status, std::string_view code, std::string_view message, std::string_view field)
{
  return json_response({{"error", {{"code", code}, {"message", message}, {"field", field}}}}, status);
}

}  // namespace pedalpower::api
