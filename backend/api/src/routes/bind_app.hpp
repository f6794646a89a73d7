#pragma once

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/router.hpp"

namespace pedalpower::api {

/// How most routes answer: reading or writing through the application.
using app_route = void (*)(const app& application, const request& req, const responder& respond);

/// The router's handler for `route`, which answers through `application`.
inline handler bind_app(const app& application, app_route route)
{
  return [&application, route](const request& req, responder respond) { route(application, req, respond); };
}

}  // namespace pedalpower::api
