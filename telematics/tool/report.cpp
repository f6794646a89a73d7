#include "report.hpp"

#include <iomanip>
#include <ostream>

#include "pedalpower/telematics/timestamp.hpp"

namespace pedalpower::telematics::cli {

namespace {

void print_cleaning(std::ostream& out, const std::string& track_name, std::size_t fixes,
                    const track_estimate& estimate)
{
  const auto& report = estimate.cleaning;
  out << "Track: " << track_name << ", " << fixes << " fixes, " << report.kept << " kept";
  if (report.total_dropped() > 0) {
    out << "; dropped";
    const char* separator = " ";
    for (std::size_t i = 0; i < drop_reason_count; ++i) {
      if (report.dropped[i] == 0) continue;
      out << separator << to_string(static_cast<drop_reason>(i)) << ' ' << report.dropped[i];
      separator = ", ";
    }
  }
  out << "; " << estimate.segments.fixes_within_min_move << " within the minimum move\n";
}

void print_trips(std::ostream& out, const track_estimate& estimate)
{
  const auto& trips = estimate.segments.trips;
  if (trips.empty()) {
    out << "No trips.\n";
    return;
  }
  out << "Trips:\n"
      << "   #  start (UTC)           end (UTC)                  km  source     vehicle km\n";
  for (std::size_t i = 0; i < trips.size(); ++i) {
    const auto& made = trips[i];
    out << std::setw(4) << i + 1 << "  " << format_timestamp(made.start_time) << "  " << format_timestamp(made.end_time)
        << std::setw(10) << made.distance_m / 1000.0 << "  " << std::left << std::setw(9) << to_string(made.source)
        << std::right << std::setw(12) << made.excluded_distance_m / 1000.0 << '\n';
  }
  if (estimate.segments.short_trips_dropped > 0) {
    out << "(" << estimate.segments.short_trips_dropped << " movements too short to count as trips)\n";
  }
}

void print_modes(std::ostream& out, std::span<const mode_share> previous_modes)
{
  const char* separator = "";
  for (const auto& each : previous_modes) {
    out << separator << to_string(each.mode) << ' ' << std::setprecision(0) << each.share * 100.0 << '%';
    if (each.occupancy != 1.0) out << " shared by " << std::setprecision(2) << each.occupancy;
    separator = ", ";
  }
}

}  // namespace

void print_report(std::ostream& out, const std::string& track_name, std::size_t fixes, const track_estimate& estimate,
                  std::span<const mode_share> previous_modes, const emissions_estimate& emissions)
{
  out << std::fixed << std::setprecision(2);
  print_cleaning(out, track_name, fixes, estimate);
  print_trips(out, estimate);
  out << std::setprecision(2) << "Total cycling distance: " << estimate.distance_m / 1000.0 << " km"
      << " (left out as car or train: " << estimate.excluded_distance_m / 1000.0
      << " km; not observed, straight lines across breaks in the record: " << estimate.unobserved_distance_m / 1000.0
      << " km)\n";

  out << "CO2e compared with ";
  print_modes(out, previous_modes);
  out << std::setprecision(1) << ", e-bike at " << emissions.ebike_wh_per_km << " Wh/km:\n"
      << std::setprecision(3) << "  avoided " << std::setw(10) << emissions.avoided_kg << " kg\n"
      << "  e-bike  " << std::setw(10) << emissions.ebike_kg << " kg\n"
      << "  net     " << std::setw(10) << emissions.net_kg << " kg\n"
      << "Factors: " << emissions.factor_year << ", scope " << to_string(emissions.scope) << ", source: "
      << emissions.factor_source << '\n';
}

}  // namespace pedalpower::telematics::cli
