#include "pedalpower/telematics/validation.hpp"

#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "number_text.hpp"
#include "pedalpower/telematics/error.hpp"

namespace pedalpower::telematics {

namespace {

constexpr double unbounded = std::numeric_limits<double>::max();

void require_finite(double value, const char* field)
{
  if (!std::isfinite(value)) throw invalid_input(field, "must be a finite number");
}

void require_within(const std::optional<double>& value, const char* field, double lowest, double highest)
{
  if (!value) return;
  require_finite(*value, field);
  if (*value >= lowest && *value <= highest) return;
  const auto range = highest == unbounded ? "at least " + detail::format_number(lowest)
                                          : "within " + detail::format_number(lowest) + " to " +
                                                detail::format_number(highest);
  throw invalid_input(field, detail::format_number(*value) + " is not " + range);
}

}  // namespace

void validate_position(const position& fix, time_point now, const validation_limits& limits)
{
  require_within(fix.lat, "lat", -90.0, 90.0);
  require_within(fix.lon, "lon", -180.0, 180.0);
  if (fix.lat == 0.0 && fix.lon == 0.0) {
    throw invalid_input("lat", "(0, 0) is what a receiver without a fix reports, not a place");
  }
  if (fix.time > now + limits.max_future) {
    throw invalid_input("timestamp", "is more than " + std::to_string(limits.max_future.count()) +
                                         " minutes in the future; check the device clock and time zone");
  }
  require_within(fix.accuracy_m, "accuracy", 0.0, limits.max_accuracy_m);
  require_within(fix.speed_mps, "speed", 0.0, unbounded);
  require_within(fix.hdop, "hdop", 0.0, unbounded);
  require_within(fix.odometer_m, "odometer", 0.0, unbounded);
  require_within(fix.battery, "battery", 0.0, 1.0);
  if (fix.bearing_deg) require_finite(*fix.bearing_deg, "bearing");
  if (fix.altitude_m) require_finite(*fix.altitude_m, "altitude");
}

}  // namespace pedalpower::telematics
