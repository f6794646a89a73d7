#include <catch2/catch.hpp>

#include "collecting_report_writer.hpp"
#include "pedalpower/domain/reports.hpp"
#include "worked_report_month.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

TEST_CASE("the activity report gives the figures worked by hand, with subtotals and totals")
{
  worked_month fleet;
  const auto out = fleet.report(1);
  const auto& commuting = out.titled("Commuting (Scope 3 category 7)");
  const auto at = [&](const char* key) { return commuting.column(key); };

  const auto& porters = commuting.one({"detail", "2026-01", "BAS", "3"});
  CHECK(number(porters, at("loans")) == 2);
  CHECK(number(porters, at("trips")) == 3);
  CHECK(number(porters, at("riders")) == 2);
  CHECK(number(porters, at("distance_km")) == Approx(24.0));
  CHECK(number(porters, at("avoided_kg")) == Approx(3.254));
  CHECK(number(porters, at("ebike_kg")) == Approx(0.047));
  CHECK(number(porters, at("net_kg")) == Approx(3.207));

  const auto& nurses = commuting.one({"detail", "2026-01", "SOU", "6"});
  CHECK(number(nurses, at("avoided_kg")) == Approx(0.692));
  CHECK(number(nurses, at("ebike_kg")) == Approx(0.016));

  const auto& january = commuting.one({"total", "2026-01", "all sites", "all bands"});
  CHECK(number(january, at("trips")) == 4);
  CHECK(number(january, at("riders")) == 3);
  CHECK(number(january, at("distance_km")) == Approx(32.0));

  const auto& period = commuting.one({"total", "all months", "all sites", "all bands"});
  CHECK(number(period, at("trips")) == 5);
  CHECK(number(period, at("riders")) == 3);
  CHECK(number(period, at("loans")) == 3);
  CHECK(number(period, at("distance_km")) == Approx(37.0));
  CHECK(number(period, at("avoided_kg")) == Approx(4.760));
  CHECK(number(period, at("ebike_kg")) == Approx(0.072));
  CHECK(number(period, at("net_kg")) == Approx(4.688));
  // Distinct riders over two months: the porter rode in both and counts once.
  CHECK(number(commuting.one({"subtotal", "all months", "BAS", "all bands"}), at("riders")) == 2);
  CHECK(number(commuting.one({"subtotal", "all months", "all sites", "3"}), at("riders")) == 2);

  const auto& between = out.titled("Between sites (Scope 3 category 6)");
  const auto& trip = between.one({"detail", "2026-01", "SOU", "6"});
  CHECK(number(trip, between.column("distance_km")) == Approx(6.0));
  CHECK(number(trip, between.column("avoided_kg")) == Approx(0.519));

  const auto& by_mode = out.titled("Commuting by previous mode");
  // Modes in the order of telematics::travel_mode, "not recorded" last.
  std::vector<std::string> period_modes;
  for (const auto& line : by_mode.rows) {
    if (text(line, 0) == "all months") period_modes.push_back(text(line, 1));
  }
  CHECK(period_modes == std::vector<std::string>{"car_petrol", "car_diesel", "walk"});
  const auto& walkers = by_mode.one({"all months", "walk"});
  CHECK(number(walkers, by_mode.column("avoided_kg")) == 0.0);
  CHECK(number(walkers, by_mode.column("net_kg")) == Approx(-0.008));
}

TEST_CASE("a band × site count of fewer people than the threshold shows as <5, and so does a subtotal that would give it back")
{
  worked_month fleet;
  const auto out = fleet.report(5);
  const auto& commuting = out.titled("Commuting (Scope 3 category 7)");
  const auto& porters = commuting.one({"detail", "2026-01", "BAS", "3"});
  CHECK(text(porters, commuting.column("riders")) == "<5");
  CHECK(text(porters, commuting.column("loans")) == "<5");
  // Their trips, km and CO2e are theirs, so they are left out with the counts.
  for (const auto* figure : {"trips", "distance_km", "avoided_kg", "net_kg"}) {
    INFO(figure);
    CHECK(std::holds_alternative<std::monostate>(porters[commuting.column(figure)]));
  }
  // Band 3 is BAS's only band in January: its subtotal is the same two people.
  const auto& bas_january = commuting.one({"subtotal", "2026-01", "BAS", "all bands"});
  CHECK(text(bas_january, commuting.column("riders")) == "<5");
  CHECK(text(bas_january, commuting.column("loans")) == "<5");
  // Over the period the bands' and sites' loans are hidden in pairs, so the total can show.
  CHECK(number(commuting.one({"total", "all months", "all sites", "all bands"}), commuting.column("riders")) == 3);
  CHECK(number(commuting.one({"total", "all months", "all sites", "all bands"}), commuting.column("loans")) == 3);
  CHECK(out.method_mentions("<5"));
  CHECK(out.method_mentions("[c]"));
}

TEST_CASE("where a subtotal would give a hidden count back, the next smallest count it adds up with is hidden as [c]")
{
  report_scheme scheme;
  const auto january = report_scheme::jan_2026 + 3 * report_scheme::day;
  scheme.ride(scheme.lend(scheme.add_rider("2", "car_petrol"), scheme.site_a, january), january, 3.0);
  for (int nurse = 0; nurse < 6; ++nurse) {
    scheme.ride(scheme.lend(scheme.add_rider("5", "bus"), scheme.site_a, january), january, 5.0);
  }
  for (int nurse = 0; nurse < 8; ++nurse) {
    scheme.ride(scheme.lend(scheme.add_rider("5", "bus"), scheme.site_b, january), january, 5.0);
  }
  auto request = worked_month::request_for(5);
  request.to = "2026-01";
  collecting_report_writer out;
  REQUIRE(write_activity_report(scheme.db(), request, out));
  const auto& commuting = out.titled("Commuting (Scope 3 category 7)");
  const auto riders = commuting.column("riders");
  const auto loans = commuting.column("loans");

  const auto& one_rider = commuting.one({"detail", "2026-01", "BAS", "2"});
  CHECK(text(one_rider, riders) == "<5");
  CHECK(std::holds_alternative<std::monostate>(one_rider[commuting.column("distance_km")]));
  const auto& six_riders = commuting.one({"detail", "2026-01", "BAS", "5"});
  CHECK(text(six_riders, riders) == "[c]");
  CHECK(text(six_riders, loans) == "[c]");
  CHECK(std::holds_alternative<std::monostate>(six_riders[commuting.column("distance_km")]));
  // Loans, and the km that add up with them, add up every way: band 5's over the period, less
  // SOU's eight, would give BAS's six back, so hiding spreads to SOU's row with its riders and km,
  // then to the site subtotals, and the total, with nothing hidden beside it, still shows.
  const auto& sou_nurses = commuting.one({"detail", "2026-01", "SOU", "5"});
  CHECK(text(sou_nurses, riders) == "[c]");
  CHECK(std::holds_alternative<std::monostate>(sou_nurses[commuting.column("distance_km")]));
  CHECK(text(commuting.one({"subtotal", "2026-01", "BAS", "all bands"}), riders) == "[c]");
  CHECK(number(commuting.one({"total", "all months", "all sites", "all bands"}), commuting.column("distance_km")) ==
        Approx(73.0));
  CHECK(number(commuting.one({"total", "all months", "all sites", "all bands"}), loans) == 15);
  const auto& band_5 = commuting.one({"subtotal", "all months", "all sites", "5"});
  CHECK(std::holds_alternative<std::string>(band_5[loans]));
  // Band 2 rode only at BAS in January: its distinct riders over the period are that one rider.
  CHECK(text(commuting.one({"subtotal", "all months", "all sites", "2"}), riders) == "<5");
}

TEST_CASE("the activity report states its method: period, filters, factor rows, energy, completeness")
{
  worked_month fleet;
  const auto out = fleet.report(5, fleet.scheme.site_a);
  CHECK(out.method_calls == 1);
  CHECK(out.method_value("Period").find("2026-01 to 2026-02") != std::string::npos);
  CHECK(out.method_value("Filters") == "site BAS");
  CHECK(out.method_value("Emission factor scope") == "direct");
  CHECK(out.method_mentions("25_301_3070_4_1"));
  CHECK(out.method_value("Factor set 2025 (direct)").find("used for trips in 2026") != std::string::npos);
  CHECK(out.method_value("E-bike energy").find("10.0 Wh/km") != std::string::npos);
  // BAS: 29 km, 5 of them by odometer and 10 from a GPX file; the cleaner's previous mode is known.
  const auto completeness = out.method_value("Data completeness");
  CHECK(completeness.find("82.8% of km from GPS tracks (34.5% from GPX") != std::string::npos);
  CHECK(completeness.find("17.2% from odometers") != std::string::npos);
  const auto& commuting = out.titled("Commuting (Scope 3 category 7)");
  CHECK(commuting.find({"detail", "2026-01", "SOU"}).empty());
}

TEST_CASE("a report that spans two years uses each year's factor set and says so")
{
  // A petrol driver rides 10 km on 31 December 2024 and 10 km on 1 January 2025: 2024's Average
  // car petrol is 0.16450 kg/km, 2025's 0.16272.
  report_scheme scheme;
  const auto driver = scheme.add_rider("2", "car_petrol");
  constexpr std::int64_t jan_2025 = 1735689600;
  const auto loan = scheme.lend(driver, scheme.site_a, jan_2025 - 2 * report_scheme::day);
  scheme.ride(loan, jan_2025 - report_scheme::day, 10.0);
  scheme.ride(loan, jan_2025 + 3600, 10.0);
  report_request request;
  request.from = "2024-12";
  request.to = "2025-01";
  request.suppress_below = 1;  // one rider's figures, shown to read the factors back
  collecting_report_writer out;
  REQUIRE(write_activity_report(scheme.db(), request, out));

  const auto& commuting = out.titled("Commuting (Scope 3 category 7)");
  const auto avoided = commuting.column("avoided_kg");
  CHECK(number(commuting.one({"total", "2024-12", "all sites", "all bands"}), avoided) == Approx(1.645));
  CHECK(number(commuting.one({"total", "2025-01", "all sites", "all bands"}), avoided) == Approx(1.627));
  CHECK(number(commuting.one({"total", "all months", "all sites", "all bands"}), avoided) == Approx(3.272));
  CHECK(out.method_value("Years").find("several years") != std::string::npos);
  CHECK(out.method_value("Factor set 2024 (direct)").find("used for trips in 2024") != std::string::npos);
  CHECK(out.method_value("Factor set 2025 (direct)").find("used for trips in 2025") != std::string::npos);
  CHECK(out.method_mentions("7_400_4000_5_1"));
}

TEST_CASE("a bad report request is refused before anything is written")
{
  worked_month fleet;
  const auto refused_field = [&](report_request request) {
    collecting_report_writer out;
    const auto made = write_activity_report(fleet.scheme.db(), request, out);
    CHECK(out.method_calls == 0);
    CHECK(out.sheets.empty());
    return made ? std::string() : made.error().field;
  };
  report_request good;
  good.from = "2026-01";
  good.to = "2026-02";
  auto bad = good;
  bad.from = "2026-13";
  CHECK(refused_field(bad) == "from");
  bad = good;
  bad.to = "2025-12";
  CHECK(refused_field(bad) == "to");
  bad = good;
  bad.site_id = 999;
  CHECK(refused_field(bad) == "site_id");
  bad = good;
  bad.ebike_wh_per_km = -1;
  CHECK(refused_field(bad) == "ebike_wh_per_km");
  bad.ebike_wh_per_km = 1e308;  // would overflow the sums
  CHECK(refused_field(bad) == "ebike_wh_per_km");
  bad = good;
  bad.suppress_below = 0;
  CHECK(refused_field(bad) == "suppress_below");
}
