#pragma once

#include <array>
#include <string_view>

namespace pedalpower::domain {

/// How a staff member travelled to work before borrowing a bike, named as the emissions estimator
/// names its modes. `none`: would not have made the journey.
inline constexpr std::array<std::string_view, 9> commute_modes{"car_petrol",   "car_diesel", "car_hybrid",
                                                               "car_electric", "bus",        "rail",
                                                               "walk",         "cycle",      "none"};

bool is_commute_mode(std::string_view text);

}  // namespace pedalpower::domain
