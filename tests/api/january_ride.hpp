#pragma once

#include <cstdint>

#include "pedalpower/db/connection.hpp"

namespace january_ride {

inline constexpr std::int64_t jan_2026 = 1767225600;  // 2026-01-01 00:00 UTC

/// A band 3 porter who drove, lent one bike at `site` on 2 January 2026, who rode it 10 km on the 3rd:
/// the smallest scheme a month's reports have a figure in. Returns the porter's staff id.
inline std::int64_t add(pedalpower::db::connection& db, std::int64_t site)
{
  db.run("INSERT INTO staff(staff_number, name, pay_band, commute_mode, created_at, updated_at)"
         " VALUES ('S1', 'Porter', '3', 'car_petrol', 0, 0)");
  const auto staff = db.last_insert_rowid();
  db.run("INSERT INTO bikes(asset_tag, frame_number, make, model, site_id, created_at, updated_at)"
         " VALUES ('EB-1', 'FR1', 'Raleigh', 'Motus', ?1, 0, 0)",
         site);
  const auto bike = db.last_insert_rowid();
  db.run("INSERT INTO loans(staff_id, bike_id, site_id, policy_version_id, terms_version, weekly_fee_pence,"
         " deposit_pence, checked_out_at, due_at, start_odometer_m, created_by)"
         " VALUES (?1, ?2, ?3, (SELECT min(id) FROM policy_versions), (SELECT min(version) FROM terms_versions),"
         " 0, 0, ?4, ?4 + 7776000, 0, 'test')",
         staff, bike, site, jan_2026 + 86400);
  db.run("INSERT INTO trip_summaries(bike_id, loan_id, started_ms, ended_ms, distance_m, distance_source, from_gpx,"
         " moving_s, position_count, summarised_at) VALUES (?1, ?2, ?3, ?3 + 1800000, 10000, 'gps_track', 0, 1800,"
         " 300, 0)",
         bike, db.last_insert_rowid(), (jan_2026 + 2 * 86400) * 1000);
  return staff;
}

}  // namespace january_ride
