#include "cli_options.hpp"

#include <charconv>

#include "pedalpower/telematics/error.hpp"

namespace pedalpower::telematics::cli {

namespace {

double number_value(std::string_view flag, std::string_view text)
{
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
    throw invalid_input(std::string(flag), "'" + std::string(text) + "' is not a number");
  }
  return value;
}

int year_value(std::string_view text)
{
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
    throw invalid_input("--year", "'" + std::string(text) + "' is not a year");
  }
  return value;
}

/// `car_petrol`, or shares such as `car_petrol=0.6,bus=0.4`.
std::vector<mode_share> modes_value(std::string_view text)
{
  std::vector<mode_share> modes;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto part = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    const auto eq = part.find('=');
    mode_share share;
    try {
      share.mode = parse_travel_mode(part.substr(0, eq));
    } catch (const invalid_input& bad) {
      throw invalid_input("--mode", bad.reason());
    }
    if (eq != std::string_view::npos) share.share = number_value("--mode", part.substr(eq + 1));
    modes.push_back(share);
  }
  if (modes.empty()) throw invalid_input("--mode", "needs a mode");
  if (modes.size() > 1) {
    for (const auto& each : modes) {
      if (each.share == 1.0) throw invalid_input("--mode", "give every mode of a mix its share, e.g. car_petrol=0.6,bus=0.4");
    }
  }
  return modes;
}

}  // namespace

cli_options parse_arguments(std::span<const std::string_view> arguments)
{
  cli_options options;
  std::optional<double> occupancy;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    auto flag = arguments[i];
    if (flag == "--help" || flag == "-h") {
      options.help = true;
      return options;
    }
    if (!flag.starts_with("--")) {
      if (!options.track_file.empty()) throw invalid_input("TRACK", "give one track file");
      options.track_file = flag;
      continue;
    }
    // Both "--flag value" and "--flag=value".
    std::string_view value;
    if (const auto eq = flag.find('='); eq != std::string_view::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    } else if (i + 1 < arguments.size()) {
      value = arguments[++i];
    } else {
      throw invalid_input(std::string(flag), "needs a value");
    }
    if (flag == "--mode") {
      options.previous_modes = modes_value(value);
    } else if (flag == "--occupancy") {
      occupancy = number_value(flag, value);
    } else if (flag == "--wh-per-km") {
      options.wh_per_km = number_value(flag, value);
    } else if (flag == "--factors") {
      options.factors_file = std::string(value);
    } else if (flag == "--year") {
      options.year = year_value(value);
    } else {
      throw invalid_input(std::string(flag), "is not a known option; see --help");
    }
  }
  if (options.track_file.empty()) throw invalid_input("TRACK", "give a .gpx or .csv track file; see --help");
  if (occupancy) {
    for (auto& each : options.previous_modes) {
      if (to_string(each.mode).starts_with("car_")) each.occupancy = *occupancy;
    }
  }
  // The emission rules own the checks on shares, occupancy and Wh/km; asking them now reports a
  // bad flag as a usage error before any file is read.
  try {
    estimate_emissions(0.0, options.previous_modes, factor_set{}, options.wh_per_km);
  } catch (const invalid_input& bad) {
    const auto flag = bad.field() == "wh_per_km" ? "--wh-per-km" : bad.field() == "occupancy" ? "--occupancy" : "--mode";
    throw invalid_input(flag, bad.reason());
  }
  return options;
}

std::string usage_text()
{
  return R"(Usage: pedalpower-telematics [options] TRACK.gpx|TRACK.csv

Cleans a recorded ride, splits it into trips, and estimates the CO2e the
rider avoided compared with how they used to commute.

Options:
  --mode MODE          How the rider used to make this journey (default car_petrol):
                       car_petrol, car_diesel, car_hybrid, car_electric, bus, rail,
                       walk, cycle, or none (would not have travelled). A mix takes
                       shares summing to 1: --mode car_petrol=0.6,bus=0.4
  --occupancy N        People who shared the car (default 1); applies to car modes.
  --wh-per-km WH       E-bike energy drawn from the wall per km (default 10).
  --factors FILE       A factor-set JSON file (format of telematics/data/factors_2025.json)
                       instead of the sets built into this program.
  --year YEAR          Which year's factors to use (default: the newest available).
  -h, --help           Show this help.

A CSV track has a header row naming time, lat and lon, and optionally accuracy (m),
speed (m/s) and odometer (m). Times may be ISO 8601, epoch seconds or milliseconds.

Exit status: 0 on success, 1 if the track or factor file cannot be used,
2 if the command line is wrong.
)";
}

}  // namespace pedalpower::telematics::cli
