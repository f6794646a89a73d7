#pragma once

#include <cmath>

namespace pedalpower::domain {

// Figures are rounded where they become JSON, to what they mean, and never where they are stored
// or summed: a sum of rounded figures drifts, and floating-point noise ("11536.367000000026") is
// no use to a reader.

/// Kilometres to the metre.
inline double km_for_json(double km) { return std::round(km * 1000.0) / 1000.0; }

/// Kilograms of CO2e to the gram.
inline double kg_for_json(double kg) { return std::round(kg * 1000.0) / 1000.0; }

}  // namespace pedalpower::domain
