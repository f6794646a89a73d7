#include <catch2/catch.hpp>

#include "outcome_refusal.hpp"
#include "position_fixture.hpp"
#include "pedalpower/domain/trackers.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

TEST_CASE("a tracker registered on a bike is fitted to it from now, and the registration is audited")
{
  tracked_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto registered = register_tracker(scheme.db(), scheme.coordinator, loan_scheme::now, {" phone-17 ", "Pixel", bike});
  REQUIRE(registered);
  CHECK(registered->fitted.device_id == "phone-17");
  CHECK(registered->fitted.bike_id == bike);
  CHECK(registered->fitted.active);
  CHECK(registered->fitted.has_secret);
  CHECK(registered->secret.size() >= 43);
  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE action = 'tracker.register'") == 1);
  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE after LIKE '%" + registered->secret + "%'") == 0);
  CHECK(scheme.number("SELECT count(*) FROM tracker_assignments WHERE removed_at IS NULL") == 1);
}

TEST_CASE("a device id is registered only once")
{
  tracked_scheme scheme;
  scheme.add_tracker("phone-17", std::nullopt);
  CHECK(refusal(register_tracker(scheme.db(), scheme.coordinator, loan_scheme::now, {"phone-17", "", std::nullopt})) ==
        "device_id_taken");
  CHECK(scheme.number("SELECT count(*) FROM trackers") == 1);
}

TEST_CASE("a device id with spaces or nothing in it is refused and nothing is written")
{
  tracked_scheme scheme;
  for (const char* bad : {"", "two words", "x\x01"}) {
    INFO(bad);
    const auto refused = register_tracker(scheme.db(), scheme.coordinator, loan_scheme::now, {bad, "", std::nullopt});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().field == "device_id");
  }
  CHECK(scheme.number("SELECT count(*) FROM trackers") == 0);
  CHECK(scheme.number("SELECT count(*) FROM audit_log") == 0);
}

TEST_CASE("a bike carries one tracker at a time")
{
  tracked_scheme scheme;
  const auto bike = scheme.add_tracked_bike("controller-1");
  const auto spare = scheme.add_tracker("controller-2", std::nullopt);
  CHECK(refusal(assign_tracker(scheme.db(), scheme.coordinator, loan_scheme::now, spare, bike)) == "bike_has_tracker");
  CHECK(refusal(register_tracker(scheme.db(), scheme.coordinator, loan_scheme::now, {"controller-3", "", bike})) ==
        "bike_has_tracker");
  CHECK(refusal(assign_tracker(scheme.db(), scheme.coordinator, loan_scheme::now, spare, 999)) == "bike_not_found");
}

TEST_CASE("moving a tracker to another bike leaves the positions it took on the bike it was on")
{
  tracked_scheme scheme;
  const auto first_bike = scheme.add_bike(scheme.site_a);
  const auto second_bike = scheme.add_bike(scheme.site_a);
  const auto tracker_id = scheme.add_tracker("controller-1", first_bike, loan_scheme::now - 10 * loan_scheme::day);
  const auto moved_at = loan_scheme::now - 5 * loan_scheme::day;
  REQUIRE(assign_tracker(scheme.db(), scheme.coordinator, moved_at, tracker_id, second_bike));

  // A device that buffered while offline sends positions from both sides of the move at once.
  auto fixes = tracked_scheme::ride("controller-1", tracked_scheme::at(moved_at - 3600), 60);
  const auto after_move = tracked_scheme::ride("controller-1", tracked_scheme::at(moved_at + 3600), 60);
  fixes.insert(fixes.end(), after_move.begin(), after_move.end());
  const auto stored = scheme.store(fixes);

  CHECK(stored.accepted == fixes.size());
  CHECK(scheme.positions_of(first_bike) == static_cast<std::int64_t>(fixes.size() - after_move.size()));
  CHECK(scheme.positions_of(second_bike) == static_cast<std::int64_t>(after_move.size()));
  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE action = 'tracker.assign'") == 1);
}

TEST_CASE("fitting a tracker to the bike it is on changes nothing")
{
  tracked_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto tracker_id = scheme.add_tracker("controller-1", bike);
  REQUIRE(assign_tracker(scheme.db(), scheme.coordinator, loan_scheme::now, tracker_id, bike));
  CHECK(scheme.number("SELECT count(*) FROM tracker_assignments") == 1);
  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE action = 'tracker.assign'") == 0);
}

TEST_CASE("a deactivated tracker comes off its bike and its positions are refused as an unknown device")
{
  tracked_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto tracker_id = scheme.add_tracker("controller-1", bike);
  const auto retired = deactivate_tracker(scheme.db(), scheme.coordinator, loan_scheme::now - loan_scheme::day, tracker_id);
  REQUIRE(retired);
  CHECK_FALSE(retired->active);
  CHECK_FALSE(retired->bike_id);
  CHECK(refusal(assign_tracker(scheme.db(), scheme.coordinator, loan_scheme::now, tracker_id, bike)) == "tracker_inactive");

  const auto stored = scheme.store(tracked_scheme::ride("controller-1", tracked_scheme::at(loan_scheme::now - 7200), 10));
  CHECK(stored.accepted == 0);
  REQUIRE_FALSE(stored.rejected.empty());
  CHECK(stored.rejected.front().code == "unknown_device");
  CHECK(scheme.positions_of(bike) == 0);
}
