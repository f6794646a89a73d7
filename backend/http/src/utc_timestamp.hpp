#pragma once

#include <chrono>
#include <string>

namespace pedalpower::http {

/// ISO 8601 in UTC with milliseconds: "2025-03-01T08:15:02.123Z".
std::string utc_timestamp(std::chrono::system_clock::time_point when);

}  // namespace pedalpower::http
