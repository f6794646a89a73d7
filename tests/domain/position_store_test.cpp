#include <catch2/catch.hpp>

#include "position_fixture.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/domain/positions.hpp"
#include "pedalpower/domain/scheme_area.hpp"
#include "pedalpower/domain/trackers.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

TEST_CASE("a batch sent again stores nothing new: ingest is idempotent per device and time")
{
  tracked_scheme scheme;
  const auto bike = scheme.add_tracked_bike("controller-1");
  const auto fixes = tracked_scheme::ride("controller-1", tracked_scheme::at(loan_scheme::now - 7200), 300);

  const auto first = scheme.store(fixes);
  const auto again = scheme.store(fixes);
  CHECK(first.accepted == fixes.size());
  CHECK(first.duplicates == 0);
  CHECK(again.accepted == 0);
  CHECK(again.duplicates == fixes.size());
  CHECK(scheme.positions_of(bike) == static_cast<std::int64_t>(fixes.size()));
}

TEST_CASE("a fix repeated within one batch is stored once")
{
  tracked_scheme scheme;
  scheme.add_tracked_bike("controller-1");
  auto fixes = tracked_scheme::ride("controller-1", tracked_scheme::at(loan_scheme::now - 7200), 5);
  fixes.push_back(fixes.front());
  const auto stored = scheme.store(fixes);
  CHECK(stored.accepted == fixes.size() - 1);
  CHECK(stored.duplicates == 1);
}

TEST_CASE("positions of an unknown device are refused one by one while the others are stored")
{
  tracked_scheme scheme;
  const auto bike = scheme.add_tracked_bike("controller-1");
  auto fixes = tracked_scheme::ride("controller-1", tracked_scheme::at(loan_scheme::now - 7200), 100);
  auto stranger = tracked_scheme::ride("somebody-else", tracked_scheme::at(loan_scheme::now - 7200), 2);
  fixes.insert(fixes.begin() + 3, stranger.begin(), stranger.end());

  const auto stored = scheme.store(fixes);
  CHECK(stored.accepted == fixes.size() - stranger.size());
  REQUIRE(stored.rejected.size() == stranger.size());
  CHECK(stored.rejected.front().index == 3);
  CHECK(stored.rejected.front().code == "unknown_device");
  CHECK(stored.rejected.front().field == "device_id");
  CHECK(scheme.positions_of(bike) == static_cast<std::int64_t>(fixes.size() - stranger.size()));
}

TEST_CASE("a position taken while its tracker was on no bike is refused")
{
  tracked_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  scheme.add_tracker("controller-1", bike, loan_scheme::now - loan_scheme::day);
  const auto before_fitting = tracked_scheme::ride("controller-1", tracked_scheme::at(loan_scheme::now - 2 * loan_scheme::day), 3);
  const auto stored = scheme.store(before_fitting);
  CHECK(stored.accepted == 0);
  REQUIRE(stored.rejected.size() == before_fitting.size());
  CHECK(stored.rejected.front().code == "not_on_a_bike");
  CHECK(scheme.positions_of(bike) == 0);
}

TEST_CASE("a bike's odometer rises to the largest reading received and never falls")
{
  tracked_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a, 5000);
  scheme.add_tracker("controller-1", bike);
  auto fixes = tracked_scheme::ride("controller-1", tracked_scheme::at(loan_scheme::now - 7200), 3);
  fixes[0].odometer_m = 7000.4;
  fixes[1].odometer_m = 7250.0;
  fixes[2].odometer_m = 4000.0;  // a controller reset: must not wind the bike back
  scheme.store(fixes);
  CHECK(scheme.number("SELECT odometer_m FROM bikes") == 7250);

  auto lower = tracked_scheme::ride("controller-1", tracked_scheme::at(loan_scheme::now - 3600), 1);
  lower[0].odometer_m = 10.0;
  scheme.store(lower);
  CHECK(scheme.number("SELECT odometer_m FROM bikes") == 7250);
}

TEST_CASE("a fix is stored in whole units: micro-degrees, milliseconds, decimetres and percent")
{
  pedalpower::telematics::position fix;
  fix.time = tracked_scheme::at(loan_scheme::now) + std::chrono::milliseconds(250);
  fix.lat = 51.5760004;
  fix.lon = -0.4880006;
  fix.accuracy_m = 4.26;
  fix.battery = 0.875;
  fix.odometer_m = 15234.5;
  const auto stored = to_stored_fix(fix);
  CHECK(stored.time_ms == loan_scheme::now * 1000 + 250);
  CHECK(stored.lat_udeg == 51576000);
  CHECK(stored.lon_udeg == -488001);
  CHECK(stored.accuracy_dm == 43);
  CHECK(stored.battery_pct == 88);
  CHECK(stored.odometer_m == 15235);
  CHECK(stored.valid);
}

TEST_CASE("a fix stamped on arrival and a fix after a break in the record are stored so, and read back so")
{
  tracked_scheme scheme;
  const auto bike = scheme.add_tracked_bike("phone-1");
  auto fixes = tracked_scheme::ride("phone-1", tracked_scheme::at(loan_scheme::now - 3600), 10);
  fixes.resize(3);
  fixes[1].time_estimated = true;
  fixes[2].follows_break = true;
  CHECK(scheme.store(fixes).accepted == 3);
  // Each fix's flags in time order: 1 for a guessed time, 2 for the first fix after a break.
  CHECK(scheme.text("SELECT group_concat(flags) FROM (SELECT time_estimated + 2 * follows_break AS flags "
                    "FROM positions WHERE bike_id = ?1 ORDER BY time_ms)",
                    bike) == "0,1,2");
}

TEST_CASE("a fix far from every located site is stored flagged, with no site located none is")
{
  tracked_scheme scheme;
  scheme.add_tracked_bike("phone-1");
  auto far_away = tracked_scheme::ride("phone-1", tracked_scheme::at(loan_scheme::now - 3600), 1, 5.0, {10.0, 30.0});
  far_away.resize(1);
  CHECK(scheme.store(far_away).outside_area == 0);

  REQUIRE(set_site_location(scheme.db(), scheme.coordinator, loan_scheme::now, scheme.site_a, 51.5760, 0.4880));
  far_away[0].time += std::chrono::seconds(1);
  const auto stored = store_tracker_positions(scheme.db(), tracked_scheme::batch_of(far_away), scheme_area{50'000.0});
  CHECK(stored.accepted == 1);
  CHECK(stored.outside_area == 1);
  CHECK(scheme.number("SELECT count(*) FROM positions WHERE outside_area = 1") == 1);
  const auto near = store_tracker_positions(
      scheme.db(), tracked_scheme::batch_of(tracked_scheme::ride("phone-1", far_away[0].time + std::chrono::seconds(1), 1)),
      scheme_area{50'000.0});
  CHECK(near.outside_area == 0);
  CHECK(set_site_location(scheme.db(), scheme.coordinator, loan_scheme::now, scheme.site_a, 0.0, 0.0).error().field == "lat");
  CHECK(set_site_location(scheme.db(), scheme.coordinator, loan_scheme::now, 999, 51.0, 0.4).error().code == "site_not_found");
}

TEST_CASE("a tracker with a secret takes fixes presented with it, or through a gateway, and refuses and notes the rest")
{
  tracked_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto tracker = scheme.add_tracker("phone-1", bike);
  const auto issued = issue_tracker_secret(scheme.db(), scheme.coordinator, loan_scheme::now, tracker);
  REQUIRE(issued);
  CHECK(issued->fitted.has_secret);
  CHECK(scheme.number("SELECT count(*) FROM trackers WHERE secret_digest = '" + token_digest(issued->secret) + "'") == 1);

  auto fix = tracked_scheme::ride("phone-1", tracked_scheme::at(loan_scheme::now - 3600), 1);
  fix.resize(1);
  const auto sent_with = [&](std::optional<std::string> secret) {
    fix[0].time += std::chrono::seconds(1);
    auto batch = tracked_scheme::batch_of(fix);
    if (secret) batch.present_secret(*secret);
    return store_tracker_positions(scheme.db(), batch, {}, loan_scheme::now);
  };
  CHECK(sent_with("").rejected.at(0).code == "unknown_device");
  CHECK(sent_with("wrong").rejected.at(0).code == "unknown_device");
  CHECK(sent_with(issued->secret).accepted == 1);
  CHECK(sent_with(std::nullopt).accepted == 1);  // a gateway's batch, sent with its bearer token
  CHECK(scheme.number("SELECT fixes FROM refused_senders WHERE device_id = 'phone-1' AND reason = 'wrong_secret'") == 2);

  // With no secret, nothing vouches for a fix straight from a device; a gateway's still count.
  REQUIRE(clear_tracker_secret(scheme.db(), scheme.coordinator, loan_scheme::now, tracker));
  CHECK(sent_with("").accepted == 0);
  CHECK(sent_with(issued->secret).accepted == 0);
  CHECK(sent_with(std::nullopt).accepted == 1);
  CHECK(list_refused_senders(scheme.db()).size() == 1);
}

TEST_CASE("refused senders are kept in a bounded number of slots however many ids are invented")
{
  tracked_scheme scheme;
  for (int i = 0; i < 2000; ++i) {
    auto fix = tracked_scheme::ride("invented-" + std::to_string(i), tracked_scheme::at(loan_scheme::now - 3600), 1);
    fix.resize(1);
    store_tracker_positions(scheme.db(), tracked_scheme::batch_of(fix), {}, loan_scheme::now);
  }
  CHECK(scheme.number("SELECT count(*) FROM refused_senders") <= 256);
  CHECK(scheme.number("SELECT count(*) FROM refused_senders") > 200);
}
