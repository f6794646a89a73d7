#pragma once

#include <span>
#include <string>
#include <utility>

#include "pedalpower/telematics/position.hpp"

namespace pedalpower::telematics {

/// Builds a position from OsmAnd protocol fields, as decoded from a query string or form body
/// (see parse_form_urlencoded). Keys:
/// - `id` or `deviceid` (required);
/// - `timestamp` in any form parse_timestamp reads; without one (cheap trackers and some apps
///   never send it) the fix takes `received`, the time it arrived, and is marked time_estimated;
/// - `lat` and `lon`, or `location=lat,lon` (required);
/// - `speed` in knots (stored in m/s), `bearing` or `heading`, `altitude`, `accuracy`, `hdop`,
///   `odometer` (metres), `batt` (percent, stored as a fraction), `valid` (true/false/1/0);
/// - any other key becomes an attribute. An empty value counts as absent.
/// A key sent twice with different values is ambiguous and refused.
/// Throws invalid_input naming the field when a required one is missing or a value is malformed.
position parse_osmand(std::span<const std::pair<std::string, std::string>> fields, time_point received);

}  // namespace pedalpower::telematics
