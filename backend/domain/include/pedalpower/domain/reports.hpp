#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/domain/report_writer.hpp"
#include "pedalpower/telematics/factor_set.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Counts of fewer people than this in a band × site breakdown show as "<5": a default, set by the
/// server's --report-suppress-below.
inline constexpr int default_suppress_below = 5;

/// What every report is asked for, and what its Method section states.
struct report_request {
  std::string from;  ///< first month, 'YYYY-MM' (UTC)
  std::string to;    ///< last month included, 'YYYY-MM'
  std::optional<std::int64_t> site_id;  ///< one site only; all when absent
  telematics::factor_scope scope = telematics::factor_scope::direct;
  double ebike_wh_per_km = 10.0;  ///< energy at the wall
  int suppress_below = default_suppress_below;
};

/// Every report below checks `request` before writing anything, so a problem leaves the writer
/// untouched. Problems: invalid "from" or "to" (not 'YYYY-MM', `to` before `from`, more than 120
/// months), "site_id" (no such site), "ebike_wh_per_km" (negative or not finite),
/// "suppress_below" (below 1). Each writes its Method section first, then its sheets, row by row.
/// Throws db::error.

/// Kilometres, trips, distinct riders, loans and CO2e (avoided, e-bike, net) by month × site × pay
/// band with subtotals and totals, commuting (Scope 3 category 7) and trips between two scheme
/// sites (category 6) on sheets of their own, and by the rider's previous mode. Read from the
/// rollups kept as trips are summarised.
outcome<done> write_activity_report(db::connection& db, const report_request& request, report_writer& out);

/// Shares of loans, riders and km by pay band beside the band mix of active staff; days from
/// joining the waiting list to a loan by band and site (median and count); refusals recorded
/// (kiosk actions refused on replay, waiting-list offers let lapse) by reason and band.
outcome<done> write_equity_report(db::connection& db, const report_request& request, report_writer& out);

/// Days on loan ÷ days lendable by site and month. A bike is lendable on a day it is not retired,
/// lost or in the workshop at the day's end, or when it is on loan.
outcome<done> write_fleet_use_report(db::connection& db, const report_request& request, report_writer& out);

/// One staff member's loans, km and CO2e in the period. Problems as above, and not_found
/// "staff_not_found".
outcome<done> write_rider_statement(db::connection& db, std::int64_t staff_id, const report_request& request,
                                    report_writer& out);

}  // namespace pedalpower::domain
