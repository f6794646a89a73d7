#include <catch2/catch.hpp>

#include "fleet_api_fixture.hpp"
#include "pedalpower/domain/staff_pins.hpp"

using namespace fleet_api;
using api::role;

namespace {

// A kiosk at a site, an inducted porter (band 3) with a PIN, and a bike too flat to lend.
struct refusing_scheme {
  api_app app;
  std::int64_t site = app.created("/api/v1/sites", {{"code", "BAS"}, {"name", "Basildon"}});
  std::int64_t porter = 0;
  std::int64_t flat_bike = 0;

  refusing_scheme()
  {
    app.kiosk_at(site);
    app.on_writer([this](db::connection& db) {
      db.run("INSERT INTO staff(staff_number, name, pay_band, induction_date, commute_mode, created_at, updated_at) "
             "VALUES ('S100', 'Sam Jones', '3', '2025-01-02', 'car_petrol', 0, 0)");
      porter = db.last_insert_rowid();
      domain::set_staff_pin(db, domain::actor{"test"}, 0, porter, pedalpower::hash_secret("2468", cheap));
      db.run("INSERT INTO bikes(asset_tag, frame_number, make, model, site_id, created_at, updated_at)"
             " VALUES ('EB-0001', 'FR1', 'Raleigh', 'Motus', ?1, 0, 0)",
             site);
      flat_bike = db.last_insert_rowid();
      db.run("INSERT INTO positions(bike_id, time_ms, lat_udeg, lon_udeg, battery_pct) VALUES (?1, ?2, 51570000, 460000, 12)",
             flat_bike, (pedalpower::current_time() - 300) * 1000);
    });
  }

  std::string identify() const
  {
    const auto answer =
        app.call(role::kiosk, "POST", "/api/v1/kiosk/identify", json{{"staff_number", "S100"}, {"pin", "2468"}}.dump());
    REQUIRE(answer.status == 200);
    return body_of(answer).at("staff_token");
  }

  /// The equity report's refusals this month, reason -> times, for band 3.
  std::map<std::string, std::int64_t> refusals_this_month() const
  {
    const auto month = pedalpower::utc_date(pedalpower::current_time()).substr(0, 7);
    const auto answer = app.call(role::reporter, "GET", "/api/v1/reports/equity?from=" + month + "&to=" + month);
    REQUIRE(answer.status == 200);
    const auto report = body_of(answer);
    std::map<std::string, std::int64_t> counted;
    for (const auto& sheet : report.at("sheets")) {
      if (sheet.at("title") != "Refusals by reason and band") continue;
      for (const auto& row : sheet.at("rows")) {
        if (row.at("pay_band") == "3") counted[row.at("reason").get<std::string>()] = row.at("count").get<std::int64_t>();
      }
    }
    return counted;
  }
};

}  // namespace

TEST_CASE("a checkout refused online, at a kiosk or in the admin, is kept and counted in the equity report once",
          "[refusals]")
{
  refusing_scheme scheme;
  const auto asked = json{{"bike_id", scheme.flat_bike}, {"terms_version", "2025-01"}, {"accessories", json::array()}};

  const auto at_kiosk =
      scheme.app.call_for_staff(scheme.identify(), "POST", "/api/v1/loans", asked.dump(), "kiosk-checkout-1");
  CHECK(status_and_code(at_kiosk) == "409 bike_charging");
  // The same request again is the first answer replayed: not a second refusal.
  const auto replayed =
      scheme.app.call_for_staff(scheme.identify(), "POST", "/api/v1/loans", asked.dump(), "kiosk-checkout-1");
  CHECK(replayed.status == 409);

  auto by_coordinator = asked;
  by_coordinator["staff_id"] = scheme.porter;
  const auto in_admin = scheme.app.call(role::coordinator, "POST", "/api/v1/loans", by_coordinator.dump());
  CHECK(in_admin.status == 409);

  // Refused for the request's own fault, not the scheme's rules: not a refusal to count.
  by_coordinator["bike_id"] = 999999;
  CHECK(scheme.app.call(role::coordinator, "POST", "/api/v1/loans", by_coordinator.dump()).status == 404);

  CHECK(scheme.app.count("SELECT count(*) FROM loans") == 0);
  CHECK(scheme.app.count("SELECT count(*) FROM checkout_refusals") == 2);
  CHECK(scheme.app.count("SELECT count(*) FROM checkout_refusals WHERE device_id IS NOT NULL"
                         " AND idempotency_key = 'kiosk-checkout-1'") == 1);
  CHECK(scheme.app.count("SELECT count(*) FROM checkout_refusals WHERE site_id IS NOT NULL AND reason = 'bike_charging'") == 2);
  const auto counted = scheme.refusals_this_month();
  CHECK(counted.size() == 1);
  CHECK(counted.at("checkout refused online: bike_charging") == 2);
}
