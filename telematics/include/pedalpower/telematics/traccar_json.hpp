#pragma once

#include <string_view>

#include "pedalpower/telematics/position.hpp"

namespace pedalpower::telematics {

/// Builds a position from the JSON body Traccar Client 9 and later POST:
/// `{"device_id", "location": {"timestamp" (ISO 8601), "coords": {"latitude", "longitude",
/// "accuracy", "speed" (m/s), "heading", "altitude"}, "is_moving", "odometer", "event",
/// "battery": {"level" (fraction), "is_charging"}, "activity": {"type"}, "extras": {}}}`.
/// `is_moving`, `event`, `battery.is_charging`, `activity.type` and every `extras` member become
/// attributes (named `is_moving`, `event`, `is_charging`, `activity`, and the extra's own key).
/// Throws invalid_input naming the field as a JSON path (e.g. `location.coords.latitude`) when the
/// body is not JSON, a required member is missing or a member has the wrong type.
position parse_traccar_json(std::string_view body);

}  // namespace pedalpower::telematics
