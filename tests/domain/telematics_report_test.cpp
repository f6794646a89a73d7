#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "collecting_report_writer.hpp"
#include "position_fixture.hpp"
#include "pedalpower/domain/distance_report_file.hpp"
#include "pedalpower/domain/telematics_reports.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

constexpr auto checkout = loan_scheme::now - 10 * loan_scheme::day;  // 2025-02-28 09:00 UTC

// Two band-3 porters at site A (one used to drive, one's previous commute is unknown) and a band-6
// nurse at site B who used to take the bus; each rides 3 km an hour after checkout and a day later.
// Bike A1 was also ridden an hour before its loan.
struct fleet_month {
  tracked_scheme scheme;

  fleet_month()
  {
    struct borrower {
      std::int64_t site;
      const char* band;
      const char* mode;
    };
    int n = 0;
    for (const auto& [site, band, mode] : {borrower{scheme.site_a, "3", "car_petrol"}, borrower{scheme.site_a, "3", nullptr},
                                           borrower{scheme.site_b, "6", "bus"}}) {
      const auto bike = scheme.add_bike(site);
      const auto device = "controller-" + std::to_string(++n);
      scheme.add_tracker(device, bike, checkout - 5 * loan_scheme::day);
      const auto staff = scheme.add_staff(band);
      scheme.db().run("UPDATE staff SET commute_mode = ?2 WHERE id = ?1", staff,
                      mode ? std::optional<std::string>(mode) : std::nullopt);
      scheme.lend(staff, bike, checkout);
      for (const auto start : {checkout + 3600, checkout + loan_scheme::day + 3600}) {
        scheme.store(tracked_scheme::ride(device, tracked_scheme::at(start), 600));
      }
      if (n == 1) scheme.store(tracked_scheme::ride(device, tracked_scheme::at(checkout - 3600), 300));
    }
  }

  distance_report report(const std::string& from, const std::string& to, int suppress_below = 1)
  {
    auto made = distance_by_site_and_band(scheme.db(), from, to, {}, suppress_below);
    if (!made) FAIL(made.error().field << ": " << made.error().message);
    return std::move(made).value();
  }
};

}  // namespace

TEST_CASE("distance is totalled by the loan's site and the borrower's pay band")
{
  fleet_month fleet;
  const auto report = fleet.report("2025-02-28", "2025-03-01");
  CHECK(report.factors.year == 2025);
  REQUIRE(report.totals.size() == 2);

  const auto& porters = report.totals[0];
  CHECK(porters.site_code == "BAS");
  CHECK(porters.pay_band == "3");
  CHECK(porters.trips == 4);
  CHECK(porters.riders == 2);
  CHECK(porters.distance_km == Approx(12.0).epsilon(0.02));
  CHECK(porters.unknown_mode_km == Approx(6.0).epsilon(0.02));
  CHECK(porters.avoided_kg == Approx((porters.distance_km - porters.unknown_mode_km) * 0.16272));
  // The charging of every km, the unknown porter's too, as the activity report counts it:
  // 10 Wh/km × (0.17700 + 0.01853) kg/kWh.
  CHECK(porters.ebike_kg == Approx(porters.distance_km * 0.010 * 0.19553));
  CHECK(porters.net_kg == Approx(porters.avoided_kg - porters.ebike_kg));

  const auto& nurses = report.totals[1];
  CHECK(nurses.site_code == "SOU");
  CHECK(nurses.pay_band == "6");
  CHECK(nurses.riders == 1);
  CHECK(nurses.unknown_mode_km == 0.0);
  CHECK(nurses.avoided_kg == Approx(nurses.distance_km * 0.10385));
}

TEST_CASE("a site × band count of fewer riders than the threshold shows as <N in the answer and in the file")
{
  fleet_month fleet;
  const auto report = fleet.report("2025-02-28", "2025-03-01", 2);
  const nlohmann::json answer = report;
  CHECK(answer.at("suppress_below") == 2);
  // SOU's one rider is hidden with their trips, km and CO2e; the report's sums, less BAS's row,
  // would give them back, so BAS's is hidden too, as [c], and the sums of the two still show.
  CHECK(answer.at("totals")[1].at("riders") == "<2");
  for (const auto* figure : {"trips", "distance_km", "avoided_kg", "net_kg", "unobserved_km"}) {
    INFO(figure);
    CHECK(answer.at("totals")[1].at(figure).is_null());
  }
  CHECK(answer.at("totals")[0].at("riders") == "[c]");
  CHECK(answer.at("totals")[0].at("distance_km").is_null());
  CHECK(answer.at("data_completeness").at("cycling_km").get<double>() > 0.0);

  collecting_report_writer out;
  write_distance_report(report, out);
  const auto& sheet = out.titled("Distance by site and band");
  CHECK(std::get<std::string>(sheet.one({"BAS", "3"})[sheet.column("riders")]) == "[c]");
  CHECK(std::get<std::string>(sheet.one({"SOU", "6"})[sheet.column("riders")]) == "<2");
  CHECK(std::holds_alternative<std::monostate>(sheet.one({"SOU", "6"})[sheet.column("distance_km")]));
  CHECK(out.method_mentions("<2"));
}

TEST_CASE("rides outside any loan are totalled apart, under no site or band")
{
  fleet_month fleet;
  const auto report = fleet.report("2025-02-28", "2025-03-01");
  CHECK(report.trips_outside_loans == 1);
  CHECK(report.distance_outside_loans_km == Approx(1.5).epsilon(0.02));
}

TEST_CASE("a period holds the trips that started on its first day through its last")
{
  fleet_month fleet;
  const auto first_day = fleet.report("2025-02-28", "2025-02-28");
  REQUIRE(first_day.totals.size() == 2);
  CHECK(first_day.totals[0].trips == 2);
  const auto next_day = fleet.report("2025-03-01", "2025-03-01");
  CHECK(next_day.totals[0].trips == 2);
  CHECK(next_day.trips_outside_loans == 0);
  CHECK(fleet.report("2025-03-02", "2025-03-31").totals.empty());
}

TEST_CASE("a malformed or reversed period is refused")
{
  fleet_month fleet;
  CHECK(distance_by_site_and_band(fleet.scheme.db(), "2025-02-30", "2025-03-01", {}, 1).error().field == "from");
  CHECK(distance_by_site_and_band(fleet.scheme.db(), "2025-03-01", "March", {}, 1).error().field == "to");
  CHECK(distance_by_site_and_band(fleet.scheme.db(), "2025-03-01", "2025-02-28", {}, 1).error().field == "to");
  CHECK(distance_by_site_and_band(fleet.scheme.db(), "2025-03-01", "2025-03-02", {}, 0).error().field == "suppress_below");
  CHECK(distance_by_site_and_band(fleet.scheme.db(), "2025-03-01", "2025-03-01", {1990, 10.0}, 1).error().field ==
        "factor_year");
}
