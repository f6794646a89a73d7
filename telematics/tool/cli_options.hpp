#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pedalpower/telematics/emissions.hpp"

namespace pedalpower::telematics::cli {

struct cli_options {
  std::vector<mode_share> previous_modes{{travel_mode::car_petrol, 1.0, 1.0}};
  double wh_per_km = 10.0;
  std::optional<std::string> factors_file;
  std::optional<int> year;
  std::string track_file;
  bool help = false;
};

/// Reads the command line (without the program name). Throws invalid_input naming the flag.
cli_options parse_arguments(std::span<const std::string_view> arguments);

/// What --help prints.
std::string usage_text();

}  // namespace pedalpower::telematics::cli
