#pragma once

// Each area of the API registers its routes here; app.cpp calls every one of them.

namespace pedalpower::api {

class app;
class router;

void add_health_routes(router& routes, const app& application);

}  // namespace pedalpower::api
