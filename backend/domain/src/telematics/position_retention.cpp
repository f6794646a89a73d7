#include "pedalpower/domain/position_retention.hpp"

#include <algorithm>
#include <limits>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "trip_sources.hpp"
#include "window_reduction.hpp"

namespace pedalpower::domain {
namespace {

const actor retention_job{"system:retention"};

std::int64_t ms_of(telematics::time_point at) { return at.time_since_epoch().count(); }

std::int64_t cutoff_ms(unix_seconds now, int days) { return (now - std::int64_t{std::max(days, 0)} * seconds_per_day) * 1000; }

bool has_positions_between(db::connection& db, std::int64_t bike_id, std::int64_t from_ms, std::int64_t until_ms)
{
  auto& found = db.query("SELECT 1 FROM positions WHERE bike_id = ?1 AND time_ms >= ?2 AND time_ms < ?3 LIMIT 1", bike_id,
                         from_ms, until_ms);
  const bool any = found.step();
  found.reset();
  return any;
}

std::vector<std::int64_t> bikes_after(db::connection& db, std::int64_t after_bike_id)
{
  std::vector<std::int64_t> ids;
  auto& rows = db.query("SELECT id FROM bikes WHERE id > ?1 ORDER BY id", after_bike_id);
  while (rows.step()) ids.push_back(rows.get_int(0));
  return ids;
}

struct bike_reduction {
  bool examined = false;  ///< positions past their period were found and segmented
  std::size_t trips = 0;
  std::size_t positions = 0;
};

/// Summarises and deletes one recorder's positions in `window` taken before `until_ms`, moving
/// the cut back to the start of a trip still under way there.
void reduce_recorded(db::connection& db, unix_seconds now, std::int64_t bike_id, const loan_window& window,
                     const std::vector<trip_record>& trips, const std::string& recorder, std::int64_t until_ms,
                     bike_reduction& reduction)
{
  for (const auto& trip : trips) {
    if (trip.recorded_by == recorder && ms_of(trip.started) < until_ms && ms_of(trip.ended) >= until_ms) {
      until_ms = ms_of(trip.started);
    }
  }
  for (const auto& trip : trips) {
    if (trip.recorded_by != recorder || ms_of(trip.started) >= until_ms) continue;
    store_trip_summary(db, trip, now);
    ++reduction.trips;
  }
  reduction.positions += static_cast<std::size_t>(
      db.run("DELETE FROM positions WHERE bike_id = ?1 AND time_ms >= ?2 AND time_ms < ?3 AND from_gpx = ?4", bike_id,
             window.from_ms, until_ms, recorder == "gpx"));
}

bike_reduction reduce_bike(db::connection& db, unix_seconds now, std::int64_t bike_id, const retention_periods& periods)
{
  const auto loan_cutoff = cutoff_ms(now, periods.loan_days);
  const auto outside_cutoff = cutoff_ms(now, std::min(periods.outside_loan_days, periods.loan_days));
  bike_reduction reduction;
  for (const auto& window : bike_loan_windows(db, bike_id)) {
    const auto until_ms = std::min(window.until_ms, window.loan_id ? loan_cutoff : outside_cutoff);
    if (until_ms <= window.from_ms || !has_positions_between(db, bike_id, window.from_ms, until_ms)) continue;
    reduction.examined = true;
    const auto trips = trips_from_positions(db, bike_id, window);
    for (const std::string recorder : {"tracker", "gpx"}) {
      reduce_recorded(db, now, bike_id, window, trips, recorder, until_ms, reduction);
    }
  }
  return reduction;
}

}  // namespace

reduced_window reduce_window_now(db::connection& db, unix_seconds now, std::int64_t bike_id, const loan_window& window)
{
  bike_reduction reduction;
  const auto trips = trips_from_positions(db, bike_id, window);
  for (const std::string recorder : {"tracker", "gpx"}) {
    reduce_recorded(db, now, bike_id, window, trips, recorder, window.until_ms, reduction);
  }
  return {reduction.trips, reduction.positions};
}

retention_pass reduce_old_positions(db::connection& db, unix_seconds now, const retention_periods& periods,
                                    std::size_t max_bikes, std::int64_t after_bike_id)
{
  // Positions outside loans have the shorter period, so any bike with positions older than it may have work.
  const auto shortest_period_cutoff = cutoff_ms(now, std::min(periods.outside_loan_days, periods.loan_days));
  retention_pass pass;
  std::size_t examined = 0;
  for (const auto bike_id : bikes_after(db, after_bike_id)) {
    pass.last_bike_id = bike_id;
    if (!has_positions_between(db, bike_id, std::numeric_limits<std::int64_t>::min(), shortest_period_cutoff)) continue;

    db::savepoint unit(db, "reduce_old_positions");
    const auto reduction = reduce_bike(db, now, bike_id, periods);
    if (reduction.positions > 0) {
      record_audit(db, retention_job, now, "positions.reduce", "bike", std::to_string(bike_id),
                   nlohmann::json{{"positions", reduction.positions}}, nlohmann::json{{"trip_summaries", reduction.trips}});
      ++pass.bikes_reduced;
      pass.trips_summarised += reduction.trips;
      pass.positions_deleted += reduction.positions;
    }
    unit.commit();
    if (reduction.examined && ++examined == max_bikes) {
      pass.more = true;
      break;
    }
  }
  return pass;
}

}  // namespace pedalpower::domain
