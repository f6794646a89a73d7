#include <catch2/catch.hpp>

#include "fleet_api_fixture.hpp"
#include "pedalpower/domain/staff_pins.hpp"

using namespace fleet_api;
using api::role;

namespace {

// A kiosk at a site with two inducted porters who have PINs, and bikes added with plain SQL.
struct kiosk_scheme {
  api_app app;
  std::int64_t site = app.created("/api/v1/sites", {{"code", "BAS"}, {"name", "Basildon"}});
  std::int64_t rider = add_staff("S100");
  std::int64_t other = add_staff("S200");

  kiosk_scheme() { app.kiosk_at(site); }

  std::int64_t add_staff(const std::string& number)
  {
    return app.on_writer([&](db::connection& db) {
      db.run("INSERT INTO staff(staff_number, name, pay_band, induction_date, commute_mode, created_at, updated_at) "
             "VALUES (?1, 'Sam Jones', '3', '2025-01-02', 'car_petrol', 0, 0)",
             number);
      const auto id = db.last_insert_rowid();
      domain::set_staff_pin(db, domain::actor{"test"}, 0, id, pedalpower::hash_secret("2468", cheap));
      return id;
    });
  }

  std::int64_t add_bike(const std::string& tag, std::optional<int> charge_pct)
  {
    return app.on_writer([&](db::connection& db) {
      db.run("INSERT INTO bikes(asset_tag, frame_number, make, model, site_id, created_at, updated_at)"
             " VALUES (?1, ?2, 'Raleigh', 'Motus', ?3, 0, 0)",
             tag, "FR" + tag, site);
      const auto id = db.last_insert_rowid();
      if (charge_pct) {
        db.run("INSERT INTO positions(bike_id, time_ms, lat_udeg, lon_udeg, battery_pct) VALUES (?1, ?2, 51570000, 460000, ?3)",
               id, (pedalpower::current_time() - 300) * 1000, *charge_pct);
      }
      return id;
    });
  }

  /// A loan of `bike` to `staff` with a helmet and lock, and two 5 km rides on it.
  std::int64_t lend_with_rides(std::int64_t staff, std::int64_t bike)
  {
    return app.on_writer([&](db::connection& db) {
      const auto now = pedalpower::current_time();
      db.run("INSERT INTO loans(staff_id, bike_id, site_id, policy_version_id, terms_version, weekly_fee_pence,"
             " deposit_pence, checked_out_at, due_at, start_odometer_m, created_by)"
             " VALUES (?1, ?2, ?3, 1, '2025-01', 0, 0, ?4, ?5, 0, 'test')",
             staff, bike, site, now - 5 * 86400, now + 80 * 86400);
      const auto loan = db.last_insert_rowid();
      db.run("UPDATE bikes SET status = 'on_loan' WHERE id = ?1", bike);
      for (const auto* kind : {"helmet", "lock"}) {
        db.run("INSERT INTO loan_accessories(loan_id, kind) VALUES (?1, ?2)", loan, kind);
      }
      for (int day = 1; day <= 2; ++day) {
        const auto start_ms = (now - 5 * 86400 + day * 86400) * 1000;
        db.run("INSERT INTO trip_summaries(bike_id, loan_id, started_ms, ended_ms, distance_m, distance_source, from_gpx,"
               " moving_s, position_count, summarised_at) VALUES (?1, ?2, ?3, ?4, 5000, 'gps_track', 0, 1200, 240, ?5)",
               bike, loan, start_ms, start_ms + 1'300'000, now);
      }
      return loan;
    });
  }

  std::string identify(const std::string& staff_number)
  {
    const auto answer = app.call(role::kiosk, "POST", "/api/v1/kiosk/identify",
                                 json{{"staff_number", staff_number}, {"pin", "2468"}}.dump());
    REQUIRE(answer.status == 200);
    return body_of(answer).at("staff_token");
  }
};

}  // namespace

TEST_CASE("the kiosk's offer lists each bike's charge, best-charged first, with the charging ones marked and last")
{
  kiosk_scheme scheme;
  scheme.add_bike("EB-0001", std::nullopt);
  scheme.add_bike("EB-0002", 12);
  scheme.add_bike("EB-0003", 88);
  scheme.add_bike("EB-0004", 61);
  const auto answer = scheme.app.call_for_staff(scheme.identify("S100"), "GET", "/api/v1/kiosk/offer");
  INFO(answer.body);
  REQUIRE(answer.status == 200);
  const auto offer = body_of(answer);
  CHECK(offer.at("may_borrow") == true);
  CHECK(offer.at("may_join_waitlist") == false);
  CHECK(offer.at("min_charge_pct") == 30);
  std::vector<std::string> order;
  for (const auto& bike : offer.at("bikes")) order.push_back(bike.at("asset_tag"));
  CHECK(order == std::vector<std::string>{"EB-0003", "EB-0004", "EB-0001", "EB-0002"});
  CHECK(offer.at("bikes")[0].at("charge_pct") == 88);
  CHECK(offer.at("bikes")[2].at("charge_pct").is_null());
  CHECK(offer.at("bikes")[3].at("charging") == true);
}

TEST_CASE("a kiosk checkout of a bike below the policy's lowest charge is refused as charging")
{
  kiosk_scheme scheme;
  const auto bike = scheme.add_bike("EB-0002", 12);
  const auto token = scheme.identify("S100");
  auto req_body = json{{"bike_id", bike}, {"terms_version", "2025-01"}, {"accessories", json::array()}}.dump();
  auto answer = scheme.app.call_for_staff(token, "GET", "/api/v1/kiosk/offer");
  CHECK(body_of(answer).at("refusal").at("code") == "bikes_charging");
  CHECK(body_of(answer).at("may_join_waitlist") == true);
  const auto coordinator_try = scheme.app.call(role::coordinator, "POST", "/api/v1/loans",
                                               json{{"staff_id", scheme.rider}, {"bike_id", bike}, {"terms_version", "2025-01"}}.dump());
  CHECK(status_and_code(coordinator_try) == "409 bike_charging");
  CHECK(scheme.app.count("SELECT count(*) FROM loans") == 0);
}

TEST_CASE("the active loan of a bike brought back names what was handed out with it, not who has it")
{
  kiosk_scheme scheme;
  const auto bike = scheme.add_bike("EB-0007", 80);
  scheme.lend_with_rides(scheme.rider, bike);
  const auto answer = scheme.app.call(role::kiosk, "GET", "/api/v1/kiosk/bikes/EB-0007/active-loan");
  REQUIRE(answer.status == 200);
  const auto loan = body_of(answer);
  CHECK(loan.at("accessories") == json::array({"helmet", "lock"}));
  CHECK_FALSE(loan.contains("staff_id"));
}

TEST_CASE("a loan's figures go only to its own borrower identified at the kiosk")
{
  kiosk_scheme scheme;
  const auto loan = scheme.lend_with_rides(scheme.rider, scheme.add_bike("EB-0008", 80));
  const auto target = "/api/v1/kiosk/loans/" + std::to_string(loan) + "/figures";

  const auto own = scheme.app.call_for_staff(scheme.identify("S100"), "GET", target);
  INFO(own.body);
  REQUIRE(own.status == 200);
  const auto figures = body_of(own);
  CHECK(figures.at("loan_id") == loan);
  CHECK(figures.at("trips") == 2);
  CHECK(figures.at("distance_km") == Approx(10.0));
  CHECK(figures.at("emissions").at("avoided_kg").get<double>() > 1.0);
  CHECK(figures.at("emissions").at("net_kg").get<double>() < figures.at("emissions").at("avoided_kg").get<double>());
  CHECK(figures.at("factors").at("year") == 2025);

  // Someone else's loan is answered as no loan at all, so a kiosk cannot probe which loans exist.
  const auto someone_else = scheme.app.call_for_staff(scheme.identify("S200"), "GET", target);
  CHECK(status_and_code(someone_else) == "404 loan_not_found");
  CHECK(someone_else.body.find("S100") == std::string::npos);
  const auto nobody = scheme.app.call(role::kiosk, "GET", target);
  CHECK(nobody.status == 401);
  CHECK(scheme.app.call(role::coordinator, "GET", target).status == 403);
  const auto no_loan = scheme.app.call_for_staff(scheme.identify("S100"), "GET", "/api/v1/kiosk/loans/999/figures");
  CHECK(status_and_code(no_loan) == "404 loan_not_found");
}

TEST_CASE("a kiosk is refused another site's bike before anything else in the checkout is looked at")
{
  kiosk_scheme scheme;
  const auto elsewhere = scheme.app.created("/api/v1/sites", {{"code", "SOU"}, {"name", "Southend"}});
  const auto bike = scheme.add_bike("EB-0009", 90);
  scheme.app.on_writer([&](db::connection& db) { db.run("UPDATE bikes SET site_id = ?1 WHERE id = ?2", elsewhere, bike); });
  const auto token = scheme.identify("S100");
  for (const auto& accessories : {json::array(), json::array({"jetpack"})}) {
    const auto answer = scheme.app.call_for_staff(
        token, "POST", "/api/v1/loans",
        json{{"bike_id", bike}, {"terms_version", "2025-01"}, {"accessories", accessories}}.dump());
    CHECK(status_and_code(answer) == "403 other_site");
    CHECK(body_of(answer).at("error").at("field") == "bike_id");
  }
  CHECK(scheme.app.count("SELECT count(*) FROM loans") == 0);
  const auto at_desk = scheme.app.call(role::coordinator, "POST", "/api/v1/loans",
                                       json{{"staff_id", scheme.rider}, {"bike_id", bike}, {"terms_version", "2025-01"}}.dump());
  CHECK(at_desk.status == 201);  // a coordinator at the desk lends at any site
}

TEST_CASE(
    "an Idempotency-Key at a kiosk is the identified person's own: another person sending it is never handed the first "
    "answer")
{
  kiosk_scheme scheme;
  const auto replayed_header = [](const api::response& answer) {
    const auto found = std::find_if(answer.headers.begin(), answer.headers.end(),
                                    [](const auto& header) { return header.first == "Idempotent-Replayed"; });
    return found == answer.headers.end() ? std::string() : found->second;
  };
  const auto bike = scheme.add_bike("EB-0010", 90);
  const auto body = json{{"bike_id", bike}, {"terms_version", "2025-01"}, {"accessories", json::array()}}.dump();
  const auto first = scheme.app.call_for_staff(scheme.identify("S100"), "POST", "/api/v1/loans", body, "kiosk-key-1");
  REQUIRE(first.status == 201);
  CHECK(replayed_header(scheme.app.call_for_staff(scheme.identify("S100"), "POST", "/api/v1/loans", body,
                                                  "kiosk-key-1")) == "true");

  const auto someone_else =
      scheme.app.call_for_staff(scheme.identify("S200"), "POST", "/api/v1/loans", body, "kiosk-key-1");
  CHECK(someone_else.status == 409);
  CHECK(replayed_header(someone_else).empty());
  CHECK(someone_else.body.find("\"staff_id\"") == std::string::npos);
  CHECK(scheme.app.count("SELECT count(*) FROM loans") == 1);
}
