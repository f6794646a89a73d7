#include "trip_sources.hpp"

#include <algorithm>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/telematics/estimator.hpp"
#include "journey_kind.hpp"
#include "recorded_tracks.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::string_view select_summary =
    "SELECT bike_id, loan_id, started_ms, ended_ms, distance_m, distance_source, from_gpx, vehicle_distance_m, moving_s,"
    " position_count, unobserved_distance_m FROM trip_summaries";

telematics::time_point at_ms(std::int64_t time_ms) { return telematics::time_point(std::chrono::milliseconds(time_ms)); }

std::int64_t ms_of(telematics::time_point at) { return at.time_since_epoch().count(); }

std::string_view recorder_name(bool from_gpx) { return from_gpx ? "gpx" : "tracker"; }

trip_record read_summary(const db::statement& row)
{
  trip_record trip;
  trip.bike_id = row.get_int(0);
  trip.loan_id = row.get_optional_int(1);
  trip.started = at_ms(row.get_int(2));
  trip.ended = at_ms(row.get_int(3));
  trip.distance_m = row.get_double(4);
  trip.distance_source = row.get_text(5);
  trip.recorded_by = recorder_name(row.get_int(6) != 0);
  row.read_from(7, trip.vehicle_distance_m, trip.moving_s, trip.position_count, trip.unobserved_distance_m);
  trip.summarised = true;
  return trip;
}

std::vector<trip_record> read_summaries(db::statement& rows)
{
  std::vector<trip_record> trips;
  while (rows.step()) trips.push_back(read_summary(rows));
  return trips;
}

/// The trip's fixes a rider may be shown: those outside their zones, leading and trailing.
std::vector<telematics::geo_point> shown_track(std::span<const telematics::track_point> track,
                                               const telematics::trip& ridden,
                                               const std::vector<telematics::privacy_zone>& zones)
{
  const auto ride = track.subspan(ridden.first_index, ridden.last_index - ridden.first_index + 1);
  std::vector<telematics::geo_point> shown;
  for (const auto& point : telematics::displayable_track(ride, zones)) {
    if (point.valid) shown.push_back({point.lat, point.lon});
  }
  return shown;
}

}  // namespace

std::vector<trip_record> trips_from_positions(db::connection& db, std::int64_t bike_id, const loan_window& window,
                                              const std::optional<std::vector<telematics::privacy_zone>>& track_zones)
{
  auto tracks = load_recorded_tracks(db, bike_id, window.from_ms, window.until_ms);
  std::vector<trip_record> trips;
  for (const bool from_gpx : {false, true}) {
    const auto& track = tracks.recorded_by(from_gpx);
    if (track.empty()) continue;
    for (const auto& ridden : telematics::estimate_track(track).segments.trips) {
      trip_record trip;
      trip.bike_id = bike_id;
      trip.loan_id = window.loan_id;
      trip.started = ridden.start_time;
      trip.ended = ridden.end_time;
      trip.distance_m = ridden.distance_m;
      trip.distance_source = telematics::to_string(ridden.source);
      trip.recorded_by = recorder_name(from_gpx);
      trip.vehicle_distance_m = ridden.excluded_distance_m;
      trip.unobserved_distance_m = ridden.unobserved_distance_m;
      trip.moving_s = std::chrono::duration_cast<std::chrono::seconds>(ridden.moving_time).count();
      trip.position_count = static_cast<std::int64_t>(ridden.position_count);
      const auto& first = track[ridden.first_index];
      const auto& last = track[ridden.last_index];
      trip.ends = std::pair{telematics::geo_point{first.lat, first.lon}, telematics::geo_point{last.lat, last.lon}};
      if (track_zones) trip.shown_track = shown_track(track, ridden, *track_zones);
      trips.push_back(std::move(trip));
    }
  }
  std::sort(trips.begin(), trips.end(), [](const trip_record& a, const trip_record& b) { return a.started < b.started; });
  return trips;
}

std::vector<trip_record> trips_of_bike(db::connection& db, std::int64_t bike_id, std::int64_t from_ms, std::int64_t until_ms)
{
  auto trips = summarised_trips_of_bike(db, bike_id, from_ms, until_ms);
  for (const auto& window : bike_loan_windows(db, bike_id)) {
    if (!window.overlaps(from_ms, until_ms)) continue;
    for (auto& trip : trips_from_positions(db, bike_id, window)) {
      const auto started_ms = ms_of(trip.started);
      if (started_ms >= from_ms && started_ms < until_ms) trips.push_back(std::move(trip));
    }
  }
  std::stable_sort(trips.begin(), trips.end(),
                   [](const trip_record& a, const trip_record& b) { return a.started < b.started; });
  return trips;
}

std::vector<trip_record> summarised_trips_of_loan(db::connection& db, std::int64_t loan_id)
{
  return read_summaries(db.query(std::string(select_summary) + " WHERE loan_id = ?1 ORDER BY started_ms", loan_id));
}

std::vector<trip_record> summarised_trips_of_bike(db::connection& db, std::int64_t bike_id, std::int64_t from_ms,
                                                  std::int64_t until_ms)
{
  return read_summaries(db.query(std::string(select_summary) +
                                     " WHERE bike_id = ?1 AND started_ms >= ?2 AND started_ms < ?3 ORDER BY started_ms",
                                 bike_id, from_ms, until_ms));
}

void store_trip_summary(db::connection& db, const trip_record& trip, unix_seconds now)
{
  const std::string journey(trip.ends ? journey_between(db, trip.ends->first, trip.ends->second) : "commute");
  db.run("INSERT INTO trip_summaries(bike_id, loan_id, started_ms, ended_ms, distance_m, distance_source, from_gpx,"
         " vehicle_distance_m, moving_s, position_count, summarised_at, unobserved_distance_m, journey)"
         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
         trip.bike_id, trip.loan_id, ms_of(trip.started), ms_of(trip.ended), trip.distance_m, trip.distance_source,
         trip.recorded_by == "gpx", trip.vehicle_distance_m, trip.moving_s, trip.position_count, now,
         trip.unobserved_distance_m, journey);
}

}  // namespace pedalpower::domain
