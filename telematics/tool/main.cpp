#include <iostream>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "cli_options.hpp"
#include "pedalpower/telematics/emissions.hpp"
#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/estimator.hpp"
#include "pedalpower/telematics/factor_set.hpp"
#include "report.hpp"
#include "track_file.hpp"

using namespace pedalpower::telematics;

int main(int argc, char** argv)
{
  cli::cli_options options;
  try {
    const std::vector<std::string_view> arguments(argv + 1, argv + argc);
    options = cli::parse_arguments(arguments);
  } catch (const invalid_input& bad) {
    std::cerr << "pedalpower-telematics: " << bad.what() << "\n";
    return 2;
  }
  if (options.help) {
    std::cout << cli::usage_text();
    return 0;
  }
  try {
    const auto sets = options.factors_file ? parse_factor_sets(cli::read_file(*options.factors_file))
                                           : builtin_factor_sets();
    const auto& factors = select_factor_set(sets, options.year);
    const auto fixes = cli::read_track_file(options.track_file);
    const auto track = to_track(fixes);
    const auto estimate = estimate_track(track);
    const auto emissions =
        estimate_emissions(estimate.distance_m / 1000.0, options.previous_modes, factors, options.wh_per_km);
    cli::print_report(std::cout, options.track_file, fixes.size(), estimate, options.previous_modes, emissions);
  } catch (const invalid_input& bad) {
    std::cerr << "pedalpower-telematics: " << bad.what() << "\n";
    return 1;
  } catch (const std::runtime_error& failure) {
    std::cerr << "pedalpower-telematics: " << failure.what() << "\n";
    return 1;
  }
  return 0;
}
