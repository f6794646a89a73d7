#include "demo_rides.hpp"

#include "pedalpower/db/connection.hpp"

namespace pedalpower::domain {
namespace {

constexpr unix_seconds minute = 60;
constexpr int share_of_days_ridden_percent = 70;  // weekends, nights and rain
constexpr std::int64_t seconds_between_fixes = 5;

demo_trip commute(demo_random& random, unix_seconds leaves_at, double commute_km)
{
  demo_trip trip;
  trip.distance_m = static_cast<std::int64_t>(commute_km * 1000) * random.between(90, 110) / 100;
  const auto speed_kmh = random.between(14, 20);
  trip.moving_s = trip.distance_m * 36 / (speed_kmh * 10);
  const auto stopped_s = random.between(1, 5) * minute;  // junctions and lights
  trip.started_ms = leaves_at * 1000;
  trip.ended_ms = (leaves_at + trip.moving_s + stopped_s) * 1000;
  return trip;
}

}  // namespace

std::vector<demo_trip> plan_commutes(demo_random& random, unix_seconds from, unix_seconds to, double commute_km)
{
  std::vector<demo_trip> trips;
  for (unix_seconds midnight = (from / seconds_per_day + 1) * seconds_per_day; midnight + seconds_per_day <= to; midnight += seconds_per_day) {
    if (!random.chance(share_of_days_ridden_percent)) continue;
    trips.push_back(commute(random, midnight + 7 * 60 * minute + random.between(0, 90) * minute, commute_km));
    trips.push_back(commute(random, midnight + 17 * 60 * minute + random.between(0, 120) * minute, commute_km));
  }
  return trips;
}

void insert_trip_summaries(db::connection& db, std::int64_t bike_id, std::int64_t loan_id,
                           const std::vector<demo_trip>& trips, unix_seconds now)
{
  for (const auto& trip : trips) {
    db.run("INSERT INTO trip_summaries(bike_id, loan_id, started_ms, ended_ms, distance_m, distance_source, from_gpx, "
           "moving_s, position_count, summarised_at) VALUES (?1, ?2, ?3, ?4, ?5, 'gps_track', 0, ?6, ?7, ?8)",
           bike_id, loan_id, trip.started_ms, trip.ended_ms, static_cast<double>(trip.distance_m), trip.moving_s,
           trip.moving_s / seconds_between_fixes, now);
  }
}

}  // namespace pedalpower::domain
