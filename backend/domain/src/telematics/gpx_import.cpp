#include <algorithm>

#include <nlohmann/json.hpp>

#include "fix_inserter.hpp"
#include "loan_windows.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/loans.hpp"
#include "pedalpower/domain/positions.hpp"
#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/timestamp.hpp"
#include "pedalpower/telematics/validation.hpp"

namespace pedalpower::domain {
namespace {

bool tracker_recorded_between(db::connection& db, std::int64_t bike_id, std::int64_t first_ms, std::int64_t last_ms)
{
  auto& found = db.query("SELECT 1 FROM positions WHERE bike_id = ?1 AND time_ms BETWEEN ?2 AND ?3 AND from_gpx = 0 LIMIT 1",
                         bike_id, first_ms, last_ms);
  const bool recorded = found.step();
  found.reset();
  return recorded;
}

}  // namespace

void to_json(nlohmann::json& out, const gpx_import& value)
{
  out = {{"loan_id", value.loan_id},
         {"bike_id", value.bike_id},
         {"points", value.points},
         {"accepted", value.accepted},
         {"duplicates", value.duplicates},
         {"first", telematics::format_timestamp(value.first)},
         {"last", telematics::format_timestamp(value.last)}};
}

outcome<gpx_import> import_gpx_track(db::connection& db, const actor& who, unix_seconds now, std::int64_t loan_id,
                                     std::span<const telematics::position> points)
{
  const auto lent = find_loan(db, loan_id);
  if (!lent) return lent.error();
  if (points.empty()) return invalid("track", "the GPX file holds no track points", "empty_track");

  const telematics::time_point checked_at{std::chrono::seconds(now)};
  std::vector<stored_fix> fixes;
  fixes.reserve(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    try {
      telematics::validate_position(points[i], checked_at);
      fixes.push_back(to_stored_fix(points[i]));
    } catch (const telematics::invalid_input& bad) {
      return invalid(bad.field(), "track point " + std::to_string(i + 1) + ": " + bad.reason());
    }
  }

  const auto [earliest, latest] = std::minmax_element(
      fixes.begin(), fixes.end(), [](const stored_fix& a, const stored_fix& b) { return a.time_ms < b.time_ms; });
  const auto window = window_of_loan(bike_loan_windows(db, lent->bike_id), loan_id).value();
  if (!window.holds(earliest->time_ms) || !window.holds(latest->time_ms)) {
    return invalid("time", "the ride must fall between the loan's checkout and its return", "outside_loan");
  }
  if (tracker_recorded_between(db, lent->bike_id, earliest->time_ms, latest->time_ms)) {
    return conflict("track_overlaps_tracker",
                    "the bike's tracker already recorded this time; the same ride would be counted twice");
  }

  gpx_import imported;
  imported.loan_id = loan_id;
  imported.bike_id = lent->bike_id;
  imported.points = fixes.size();
  imported.first = telematics::time_point(std::chrono::milliseconds(earliest->time_ms));
  imported.last = telematics::time_point(std::chrono::milliseconds(latest->time_ms));

  std::vector<bike_fix> rows;
  rows.reserve(fixes.size());
  for (const auto& fix : fixes) rows.push_back({lent->bike_id, &fix});
  db::savepoint unit(db, "import_gpx_track");
  imported.accepted = insert_fixes(db, rows, true);
  imported.duplicates = imported.points - imported.accepted;
  // Counts only: a ride's times are personal data, and the audit log outlives the positions.
  record_audit(db, who, now, "loan.track_import", "loan", std::to_string(loan_id), std::nullopt,
               nlohmann::json{{"points", imported.points}, {"accepted", imported.accepted},
                              {"duplicates", imported.duplicates}});
  unit.commit();
  return imported;
}

}  // namespace pedalpower::domain
