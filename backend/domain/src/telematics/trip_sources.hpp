#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "loan_windows.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/trips.hpp"
#include "pedalpower/telematics/privacy_zone.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

// Where trips come from: the raw positions still kept, and the summaries that replaced older ones.
// Emissions are left for the caller, who knows the factor set.

/// The trips in the raw positions of `bike_id` within `window`, by start time, each recorded
/// device's track on its own. With `track_zones`, each trip carries its track cut by those zones.
/// Throws db::error.
std::vector<trip_record> trips_from_positions(db::connection& db, std::int64_t bike_id, const loan_window& window,
                                              const std::optional<std::vector<telematics::privacy_zone>>& track_zones = {});

/// Every trip of `bike_id` that started in [from_ms, until_ms), from positions or summaries, by start
/// time, without tracks. Throws db::error.
std::vector<trip_record> trips_of_bike(db::connection& db, std::int64_t bike_id, std::int64_t from_ms, std::int64_t until_ms);

/// The summarised trips of a loan, by start time. Throws db::error.
std::vector<trip_record> summarised_trips_of_loan(db::connection& db, std::int64_t loan_id);
/// The summarised trips of a bike that started in [from_ms, until_ms), by start time. Throws db::error.
std::vector<trip_record> summarised_trips_of_bike(db::connection& db, std::int64_t bike_id, std::int64_t from_ms,
                                                  std::int64_t until_ms);

/// Keeps `trip` (computed from positions about to be deleted) as a summary. Throws db::error.
void store_trip_summary(db::connection& db, const trip_record& trip, unix_seconds now);

}  // namespace pedalpower::domain
