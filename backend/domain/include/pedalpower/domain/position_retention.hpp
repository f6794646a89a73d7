#pragma once

#include <cstddef>
#include <cstdint>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// How long raw positions are kept before only trip summaries remain.
struct retention_periods {
  /// Positions taken on a loan. 30 days covers a loan's monthly review and a rider's query about
  /// a trip, while a month of someone's movements is the most the scheme holds at any time.
  int loan_days = 30;
  /// Positions taken outside any loan, kept only to find a missing bike: a week covers a long
  /// weekend before anyone notices. Never more than loan_days.
  int outside_loan_days = 7;
};

struct retention_pass {
  std::size_t bikes_reduced = 0;
  std::size_t trips_summarised = 0;
  std::size_t positions_deleted = 0;
  std::int64_t last_bike_id = 0;  ///< the last bike this pass looked at
  /// Another pass has work left: this one stopped after its share of bikes.
  bool more = false;
};

/// Reduces raw positions older than their retention period to trip summaries (times, distance,
/// where the distance came from, the loan; no coordinates) and deletes them, for at most
/// `max_bikes` bikes with such positions, starting after bike `after_bike_id`. A trip still under
/// way at the cut-off is kept whole until a later pass, so a summary is never half a trip.
/// Each reduced bike gets one audit entry with counts. While `more`, call again after
/// `last_bike_id`: each call is one short write, so ingest never waits long behind it. Throws db::error.
retention_pass reduce_old_positions(db::connection& db, unix_seconds now, const retention_periods& periods = {},
                                    std::size_t max_bikes = 16, std::int64_t after_bike_id = 0);

}  // namespace pedalpower::domain
