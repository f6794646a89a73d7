#pragma once

#include <string>
#include <string_view>

#include "pedalpower/telematics/position.hpp"

namespace pedalpower::telematics {

/// Parses a device timestamp in any form the OsmAnd clients send:
/// - epoch seconds or epoch milliseconds, told apart by magnitude (below 1e11 is seconds: 1e11
///   seconds is the year 5138, 1e11 milliseconds is 1973, so no real fix is ambiguous); seconds
///   may carry a fraction;
/// - ISO 8601 `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM|±HHMM|±HH]` (no zone means UTC);
/// - `yyyy-MM-dd HH:mm:ss`, taken as UTC.
/// Throws invalid_input naming `field` when the text is none of these or names an impossible date.
time_point parse_timestamp(std::string_view text, std::string_view field = "timestamp");

/// Formats as ISO 8601 UTC to the second, e.g. `2025-03-03T07:41:05Z`. Throws only std::bad_alloc.
std::string format_timestamp(time_point when);

}  // namespace pedalpower::telematics
