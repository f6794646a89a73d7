#include <catch2/catch.hpp>

#include "auth_fixture.hpp"
#include "january_ride.hpp"

using namespace auth_fixture;

namespace {


/// A porter (band 3, drove a petrol car) who borrowed at BAS in January 2026 and rode 10 km.
struct reported_scheme {
  access_app app;
  std::int64_t site = app.add_site("BAS");
  std::int64_t porter = 0;

  reported_scheme()
  {
    porter = app.on_writer([this](db::connection& db) {
      return january_ride::add(db, site);
    });
  }

  api::response get(const browser& who, const std::string& target) const
  {
    return app_calls::dispatch(app.application(), who.sign(make_request("GET", target), false));
  }
};

const nlohmann::json& sheet(const nlohmann::json& report, const std::string& title)
{
  for (const auto& found : report.at("sheets")) {
    if (found.at("title") == title) return found;
  }
  FAIL("no sheet " << title);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a report author reads the activity report as JSON, with its method and a suppressed count", "[reports-api]")
{
  reported_scheme scheme;
  const auto reporter = scheme.app.signed_in_as("reporter");
  const auto answer = scheme.get(reporter, "/api/v1/reports/activity?from=2026-01&to=2026-01");
  INFO(answer.body);
  REQUIRE(answer.status == 200);
  const auto report = nlohmann::json::parse(answer.body);
  const auto& commuting = sheet(report, "Commuting (Scope 3 category 7)");
  const auto& detail = commuting.at("rows").at(0);
  CHECK(detail.at("level") == "detail");
  CHECK(detail.at("site") == "BAS");
  CHECK(detail.at("pay_band") == "3");
  CHECK(detail.at("riders") == "<5");
  // The one rider's trips, km and CO2e are theirs: null beside the hidden count.
  CHECK(detail.at("trips").is_null());
  CHECK(detail.at("distance_km").is_null());
  CHECK(detail.at("avoided_kg").is_null());
  CHECK(answer.body.find("Porter") == std::string::npos);
  bool names_rows = false;
  for (const auto& line : report.at("method")) {
    names_rows = names_rows || line.at("value").get<std::string>().find("25_301_3070_4_1") != std::string::npos ||
                 line.at("label").get<std::string>().find("25_301_3070_4_1") != std::string::npos;
  }
  CHECK(names_rows);
}

TEST_CASE("the equity and fleet-use reports answer report authors, a person's statement only coordinators", "[reports-api]")
{
  reported_scheme scheme;
  const auto reporter = scheme.app.signed_in_as("reporter");
  for (const std::string target :
       {"/api/v1/reports/equity?from=2026-01&to=2026-02", "/api/v1/reports/fleet-use?from=2026-01&to=2026-02"}) {
    const auto answer = scheme.get(reporter, target);
    INFO(target << ": " << answer.body);
    CHECK(answer.status == 200);
  }
  const auto statement_of = [&](std::int64_t staff_id, const std::string& months) {
    return "/api/v1/staff/" + std::to_string(staff_id) + "/statement?" + months;
  };
  CHECK(scheme.get(reporter, statement_of(scheme.porter, "from=2026-01&to=2026-12")).status == 403);
  CHECK(scheme.get(reporter, statement_of(999999, "from=2026-01&to=2026-02")).status == 403);

  const auto coordinator = scheme.app.signed_in_as("coordinator");
  const auto answer = scheme.get(coordinator, statement_of(scheme.porter, "from=2026-01&to=2026-12"));
  REQUIRE(answer.status == 200);
  const auto statement = nlohmann::json::parse(answer.body);
  const auto& total = sheet(statement, "Loans").at("rows").back();
  CHECK(total.at("loan_id") == "all loans");
  CHECK(total.at("distance_km").get<double>() == Approx(10.0));
  CHECK(scheme.get(coordinator, statement_of(999999, "from=2026-01&to=2026-02")).status == 404);
}

TEST_CASE("technicians and kiosks are refused the reports", "[reports-api]")
{
  reported_scheme scheme;
  const auto technician = scheme.app.signed_in_as("technician");
  CHECK(scheme.get(technician, "/api/v1/reports/activity?from=2026-01&to=2026-01").status == 403);
  CHECK(scheme.get(technician, "/api/v1/reports/equity?from=2026-01&to=2026-01").status == 403);
  const auto kiosk = scheme.app.add_device("store-kiosk", "kiosk", scheme.site);
  const auto answer = app_calls::dispatch(
      scheme.app.application(), with_bearer(make_request("GET", "/api/v1/reports/activity?from=2026-01&to=2026-01"), kiosk.token));
  CHECK(answer.status == 403);
}

TEST_CASE("bad report parameters are 422 naming the parameter", "[reports-api]")
{
  reported_scheme scheme;
  const auto coordinator = scheme.app.signed_in_as("coordinator");
  const auto field_of = [&](const std::string& query) {
    const auto answer = scheme.get(coordinator, "/api/v1/reports/activity" + query);
    INFO(query << ": " << answer.body);
    CHECK(answer.status == 422);
    return error_of(answer).at("field").get<std::string>();
  };
  CHECK(field_of("?to=2026-01") == "from");
  CHECK(field_of("?from=2026-01") == "to");
  CHECK(field_of("?from=2026-1&to=2026-02") == "from");
  CHECK(field_of("?from=2026-03&to=2026-02") == "to");
  CHECK(field_of("?from=2026-01&to=2026-02&site_id=abc") == "site_id");
  CHECK(field_of("?from=2026-01&to=2026-02&site_id=424242") == "site_id");
  CHECK(field_of("?from=2026-01&to=2026-02&scope=sideways") == "scope");
  CHECK(field_of("?from=2026-01&to=2026-02&ebike_wh_per_km=lots") == "ebike_wh_per_km");
  CHECK(field_of("?from=2026-01&to=2026-02&ebike_wh_per_km=1e308") == "ebike_wh_per_km");
}

TEST_CASE("at a kiosk a rider sees their own statement once identified, and nobody's before", "[reports-api]")
{
  access_app server;
  const auto site = server.add_site("BAS");
  const auto kiosk = server.add_device("kiosk-bas", "kiosk", site);
  server.add_staff("S100", "2468");
  const std::string target = "/api/v1/kiosk/statement?from=2026-01&to=2026-02";

  const auto& application = server.application();
  CHECK(app_calls::dispatch(application, with_bearer(make_request("GET", target), kiosk.token)).status == 401);
  const auto identified = app_calls::dispatch(application, with_bearer(
      make_request("POST", "/api/v1/kiosk/identify", R"({"staff_number":"S100","pin":"2468"})"), kiosk.token));
  REQUIRE(identified.status == 200);
  const auto staff_token = nlohmann::json::parse(identified.body).at("staff_token").get<std::string>();
  const auto ask = [&](const std::string& asked) {
    auto req = with_bearer(make_request("GET", asked), kiosk.token);
    req.headers.emplace_back("x-staff-token", staff_token);
    return app_calls::dispatch(application, std::move(req));
  };
  const auto answer = ask(target);
  INFO(answer.body);
  REQUIRE(answer.status == 200);
  CHECK(answer.body.find("S100") != std::string::npos);
  // Like the coordinator's statement of a person, it may be of one site's loans.
  CHECK(ask(target + "&site_id=" + std::to_string(site)).status == 200);
}
