#pragma once

#include <iosfwd>
#include <span>
#include <string>

#include "pedalpower/telematics/emissions.hpp"
#include "pedalpower/telematics/estimator.hpp"

namespace pedalpower::telematics::cli {

/// Prints the trips, the distance and the emissions, every figure with what produced it.
void print_report(std::ostream& out, const std::string& track_name, std::size_t fixes, const track_estimate& estimate,
                  std::span<const mode_share> previous_modes, const emissions_estimate& emissions);

}  // namespace pedalpower::telematics::cli
