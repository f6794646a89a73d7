#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "loan_scheme_fixture.hpp"

// A scheme whose loans and summarised trips are written with plain SQL, as the retention job
// leaves them, for the report and rollup tests. Times are UTC.
class report_scheme : public loan_scheme {
public:
  static constexpr std::int64_t jan_2026 = 1767225600;  // 2026-01-01 00:00 UTC
  static constexpr std::int64_t feb_2026 = 1769904000;  // 2026-02-01 00:00 UTC

  std::int64_t add_rider(const std::string& band, const std::optional<std::string>& mode, int occupancy = 1)
  {
    const auto staff = add_staff(band);
    db().run("UPDATE staff SET commute_mode = ?2, commute_car_occupancy = ?3 WHERE id = ?1", staff, mode, occupancy);
    return staff;
  }

  std::int64_t lend(std::int64_t staff_id, std::int64_t site_id, std::int64_t at)
  {
    const auto bike = add_bike(site_id);
    db().run("INSERT INTO loans(staff_id, bike_id, site_id, policy_version_id, terms_version, weekly_fee_pence,"
             " deposit_pence, checked_out_at, due_at, start_odometer_m, created_by)"
             " VALUES (?1, ?2, ?3, (SELECT min(id) FROM policy_versions), ?4, 0, 0, ?5, ?6, 0, 'test')",
             staff_id, bike, site_id, current_terms, at, at + 90 * day);
    return db().last_insert_rowid();
  }

  std::int64_t ride(std::int64_t loan_id, std::int64_t at, double km, const std::string& source = "gps_track",
                    const std::string& journey = "commute", bool from_gpx = false)
  {
    db().run("INSERT INTO trip_summaries(bike_id, loan_id, started_ms, ended_ms, distance_m, distance_source, from_gpx,"
             " moving_s, position_count, summarised_at, journey)"
             " VALUES ((SELECT bike_id FROM loans WHERE id = ?1), ?1, ?2, ?2 + 1800000, ?3, ?4, ?5, 1800, 300, ?6, ?7)",
             loan_id, at * 1000, km * 1000.0, source, from_gpx, now, journey);
    return db().last_insert_rowid();
  }
};
