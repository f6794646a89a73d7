#pragma once

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "east_of.hpp"
#include "loan_scheme_fixture.hpp"
#include "pedalpower/domain/loans.hpp"
#include "pedalpower/domain/positions.hpp"
#include "pedalpower/domain/trackers.hpp"
#include "pedalpower/domain/trips.hpp"
#include "pedalpower/telematics/geo.hpp"

// The loan scheme with trackers and rides whose length is known: straight rides due east at a
// steady speed, one fix a second, no noise.
class tracked_scheme : public loan_scheme {
public:
  using time_point = pedalpower::telematics::time_point;
  static constexpr pedalpower::telematics::geo_point basildon{51.5760, 0.4880};

  static time_point at(pedalpower::unix_seconds seconds) { return time_point(std::chrono::seconds(seconds)); }

  std::int64_t add_tracker(const std::string& device_id, std::optional<std::int64_t> bike_id,
                           pedalpower::unix_seconds fitted_at = now - 100 * day)
  {
    auto registered = pedalpower::domain::register_tracker(db(), coordinator, fitted_at, {device_id, "", bike_id});
    if (!registered) FAIL(registered.error().code);
    return registered->fitted.id;
  }

  /// A bike at site A carrying tracker `device_id`, fitted 100 days ago.
  std::int64_t add_tracked_bike(const std::string& device_id)
  {
    const auto bike = add_bike(site_a);
    add_tracker(device_id, bike);
    return bike;
  }

  std::int64_t lend(std::int64_t staff_id, std::int64_t bike_id, pedalpower::unix_seconds at)
  {
    auto lent = pedalpower::domain::loan_service::check_out(db(), coordinator, at, checkout_of(staff_id, bike_id));
    if (!lent) FAIL(lent.error().code << ": " << lent.error().message);
    return lent->id;
  }

  void give_back(std::int64_t loan_id, pedalpower::unix_seconds at)
  {
    auto returned = pedalpower::domain::loan_service::return_bike(db(), coordinator, at, return_of(loan_id));
    if (!returned) FAIL(returned.error().code);
  }

  /// A ride due east from `from` at `speed_mps` for `seconds`, one fix a second, followed by a
  /// stop long enough to end the trip.
  static std::vector<pedalpower::telematics::position> ride(const std::string& device_id, time_point start, int seconds,
                                                             double speed_mps = 5.0,
                                                             pedalpower::telematics::geo_point from = basildon)
  {
    std::vector<pedalpower::telematics::position> fixes;
    for (int second = 0; second <= seconds + 400; ++second) {
      const double travelled_m = speed_mps * std::min(second, seconds);
      pedalpower::telematics::position fix;
      fix.device_id = device_id;
      fix.time = start + std::chrono::seconds(second);
      const auto point = east_of(from, travelled_m);
      fix.lat = point.lat;
      fix.lon = point.lon;
      fix.accuracy_m = 4.0;
      fixes.push_back(fix);
    }
    return fixes;
  }

  static pedalpower::domain::tracker_positions batch_of(const std::vector<pedalpower::telematics::position>& fixes)
  {
    pedalpower::domain::tracker_positions batch;
    for (std::size_t i = 0; i < fixes.size(); ++i) {
      batch.add(fixes[i].device_id, i, pedalpower::domain::to_stored_fix(fixes[i]));
    }
    return batch;
  }

  pedalpower::domain::ingest_result store(const std::vector<pedalpower::telematics::position>& fixes)
  {
    return pedalpower::domain::store_tracker_positions(db(), batch_of(fixes));
  }

  std::int64_t positions_of(std::int64_t bike_id)
  {
    return db().query_int("SELECT count(*) FROM positions WHERE bike_id = ?1", bike_id);
  }
};

/// A bike at site A carrying tracker "controller-1" from `fitted_at`, lent at `checkout` to a new
/// member of staff on `pay_band`: where the trip and retention tests start.
struct tracked_loan {
  static constexpr auto device = "controller-1";

  tracked_scheme scheme;
  std::int64_t bike = scheme.add_bike(scheme.site_a);
  std::int64_t rider;
  std::int64_t loan = 0;

  /// Lent 60 days ago, before the retention period, the tracker fitted the day before.
  tracked_loan() : tracked_loan(loan_scheme::now - 60 * loan_scheme::day, loan_scheme::now - 61 * loan_scheme::day) {}

  tracked_loan(pedalpower::unix_seconds checkout, pedalpower::unix_seconds fitted_at, const std::string& pay_band = "2")
      : rider(scheme.add_staff(pay_band))
  {
    scheme.add_tracker(device, bike, fitted_at);
    loan = scheme.lend(rider, bike, checkout);
  }

  /// A ride of `seconds` due east from `from`, starting at `start`.
  void ride(pedalpower::unix_seconds start, pedalpower::telematics::geo_point from = tracked_scheme::basildon,
            int seconds = 600)
  {
    scheme.store(tracked_scheme::ride(device, tracked_scheme::at(start), seconds, 5.0, from));
  }

  pedalpower::domain::trip_list trips(const pedalpower::domain::emissions_basis& basis = {}, bool with_track = false)
  {
    auto found = pedalpower::domain::loan_trips(scheme.db(), loan, basis, with_track);
    if (!found) FAIL(found.error().code);
    return std::move(found).value();
  }
};
