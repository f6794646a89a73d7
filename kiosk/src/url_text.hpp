#pragma once

#include <string>
#include <string_view>

namespace pedalpower::kiosk {

/// `text` with everything but unreserved URL characters percent-encoded, for one path segment.
std::string percent_encode(std::string_view text);

}  // namespace pedalpower::kiosk
