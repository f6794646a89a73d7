#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/listing.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/telematics/emissions.hpp"
#include "pedalpower/telematics/factor_set.hpp"
#include "pedalpower/telematics/geo.hpp"
#include "pedalpower/telematics/position.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Which emission factors and e-bike energy an answer is computed with.
struct emissions_basis {
  std::optional<int> factor_year;  ///< when absent, each trip's own year's set (the nearest year's where there is none)
  double ebike_wh_per_km = 10.0;   ///< energy at the wall; a measured commute used about 6.5
};

/// One factor set an answer used, and the years of the trips it served.
struct factor_set_served {
  int year = 0;
  std::string source;
  std::vector<int> trip_years;
};

/// The factor sets an answer used, stated on every answer so a figure can be traced to its source.
struct factors_used {
  int year = 0;        ///< the set of the latest trips; the one asked for; the newest when no trip used one
  std::string scope;
  std::string source;  ///< that set's
  double ebike_wh_per_km = 0.0;
  std::vector<factor_set_served> sets;  ///< every set the trips used, oldest first
};

void to_json(nlohmann::json& out, const factors_used& value);

/// One ride: computed from raw positions while they are kept, read from its summary afterwards.
struct trip_record {
  std::int64_t bike_id = 0;
  std::optional<std::int64_t> loan_id;  ///< none when ridden outside any loan
  telematics::time_point started{};
  telematics::time_point ended{};
  double distance_m = 0.0;              ///< cycling distance, whole even where the shown track is cut
  std::string distance_source;          ///< "gps_track" or "odometer"
  std::string recorded_by;              ///< "tracker" or "gpx"
  double vehicle_distance_m = 0.0;      ///< carried in a car or on a train, not counted
  double unobserved_distance_m = 0.0;   ///< straight lines across breaks in the record, not counted
  std::int64_t moving_s = 0;
  std::int64_t position_count = 0;
  bool summarised = false;              ///< raw positions reduced: no track remains
  /// While positions remain: where the trip began and ended, to tell a trip between two sites
  /// from a commute when it is summarised. Never stored or shown.
  std::optional<std::pair<telematics::geo_point, telematics::geo_point>> ends;
  std::optional<telematics::emissions_estimate> emissions;  ///< none when the rider's previous mode is unknown
  /// Only when asked for and the positions remain: the fixes outside the rider's privacy zone, so
  /// the track shown starts and ends away from home.
  std::optional<std::vector<telematics::geo_point>> shown_track;
};

/// Times ISO 8601, distances in km, emissions {avoided_kg, ebike_kg, net_kg} or null, and "track"
/// as [[lat, lon], ...] when present.
void to_json(nlohmann::json& out, const trip_record& value);

struct trip_list {
  factors_used factors;
  std::vector<trip_record> trips;  ///< by start time
};

/// The trips ridden on a loan, each with its emissions for the borrower's previous commute mode.
/// `with_track` adds each remaining trip's track, cut by the borrower's privacy zone. Problems:
/// not_found "loan_not_found"; invalid "factor_year" for a year with no factor set, or
/// "ebike_wh_per_km" when negative.
outcome<trip_list> loan_trips(db::connection& db, std::int64_t loan_id, const emissions_basis& basis,
                              bool with_track = false);

/// What a loan's trips add up to, to tell its rider what the loan did.
struct trip_totals {
  int trips = 0;
  double distance_m = 0.0;
  /// Summed over the trips; none when the rider's previous commute mode is unknown.
  std::optional<telematics::emissions_estimate> emissions;
  factors_used factors;
};

/// {"trips", "distance_km", "emissions": {avoided_kg, ebike_kg, net_kg} or null, "factors"}.
void to_json(nlohmann::json& out, const trip_totals& value);

/// The sums of `list`'s trips, with the emissions each trip was already given.
trip_totals totals_of(const trip_list& list);

/// The trips of a bike that started from `from` to `to` (UTC days 'YYYY-MM-DD', both included),
/// on loans or not, without tracks. Problems: not_found "bike_not_found"; invalid "from" or "to"
/// (not a date, or `to` before `from`), and as for loan_trips.
outcome<trip_list> bike_trips(db::connection& db, std::int64_t bike_id, const std::string& from, const std::string& to,
                              const emissions_basis& basis);

/// The page `wanted` of `trips`, by start time unless `wanted` sorts by started_at, distance_km
/// or moving_s. Trips are worked out from positions, not stored rows, so they are paged here.
/// Problems: invalid "sort", "page" or "page_size".
outcome<list_page<trip_record>> page_of_trips(std::vector<trip_record> trips, const page_request& wanted);

}  // namespace pedalpower::domain
