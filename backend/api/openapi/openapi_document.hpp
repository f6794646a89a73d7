#pragma once

#include <string_view>

namespace pedalpower::api {

/// The OpenAPI 3.1 document of every route, compiled in from backend/api/openapi/openapi.json.
std::string_view openapi_document();

}  // namespace pedalpower::api
