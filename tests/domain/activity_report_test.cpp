#include <catch2/catch.hpp>

#include "collecting_report_writer.hpp"
#include "pedalpower/domain/reports.hpp"
#include "report_fixture.hpp"

using namespace pedalpower::domain;

namespace {

using row = std::vector<report_cell>;

double number(const row& cells, std::size_t at)
{
  if (const auto* whole = std::get_if<std::int64_t>(&cells[at])) return static_cast<double>(*whole);
  return std::get<double>(cells[at]);
}

std::string text(const row& cells, std::size_t at) { return std::get<std::string>(cells[at]); }

// A month worked by hand. Factors: 2025 direct (the nearest set to 2026), Average car petrol
// 0.16272 and diesel 0.17304 kg/km; grid 0.177 + 0.01853 = 0.19553 kg/kWh; 10 Wh/km, so the e-bike
// costs 0.0019553 kg/km.
// - A porter (band 3, drove alone, petrol) borrows at BAS on 5 Jan, rides 10 + 10 km in January
//   and 5 km (odometer) in February.
// - A cleaner (band 3, walked) borrows at BAS on 10 Jan, rides 4 km.
// - A nurse (band 6, diesel car shared by 2) borrows at SOU on 12 Jan, commutes 8 km and rides 6 km
//   from SOU to BAS (between sites).
// January, commuting: BAS band 3: 3 trips, 2 riders, 2 loans, 24 km; avoided 20 × 0.16272 =
// 3.2544 kg; e-bike 24 × 0.0019553 = 0.0469272 kg; net 3.2074728 kg.
// SOU band 6: 1 trip, 1 rider, 1 loan, 8 km; avoided 8 × 0.17304 / 2 = 0.69216 kg; e-bike 0.0156424.
// Whole period, commuting: 5 trips, 3 riders, 3 loans, 37 km; avoided 3.2544 + 0.8136 + 0.69216 =
// 4.76016 kg; e-bike 37 × 0.0019553 = 0.0723461 kg; net 4.6878139 kg.
// Between sites: 1 trip, 6 km; avoided 6 × 0.08652 = 0.51912 kg.
struct worked_month {
  report_scheme scheme;

  worked_month()
  {
    const auto porter = scheme.add_rider("3", "car_petrol");
    const auto cleaner = scheme.add_rider("3", "walk");
    const auto nurse = scheme.add_rider("6", "car_diesel", 2);
    const auto day = report_scheme::day;
    const auto jan = report_scheme::jan_2026;
    const auto porters = scheme.lend(porter, scheme.site_a, jan + 4 * day);
    scheme.ride(porters, jan + 5 * day, 10.0);
    scheme.ride(porters, jan + 6 * day, 10.0, "gps_track", "commute", true);
    scheme.ride(porters, report_scheme::feb_2026 + 2 * day, 5.0, "odometer");
    scheme.ride(scheme.lend(cleaner, scheme.site_a, jan + 9 * day), jan + 10 * day, 4.0);
    const auto nurses = scheme.lend(nurse, scheme.site_b, jan + 11 * day);
    scheme.ride(nurses, jan + 12 * day, 8.0);
    scheme.ride(nurses, jan + 13 * day, 6.0, "gps_track", "between_sites");
  }

  collecting_report_writer report(int suppress_below, std::optional<std::int64_t> site = {})
  {
    report_request request;
    request.from = "2026-01";
    request.to = "2026-02";
    request.site_id = site;
    request.suppress_below = suppress_below;
    request.made_at = report_scheme::jan_2026;
    collecting_report_writer out;
    const auto made = write_activity_report(scheme.db(), request, out);
    if (!made) FAIL(made.error().field << ": " << made.error().message);
    return out;
  }
};

}  // namespace

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
  const auto& walkers = by_mode.one({"all months", "walk"});
  CHECK(number(walkers, by_mode.column("avoided_kg")) == 0.0);
  CHECK(number(walkers, by_mode.column("net_kg")) == Approx(-0.008));
}

TEST_CASE("a band × site count of fewer people than the threshold shows as <5, subtotals do not")
{
  worked_month fleet;
  const auto out = fleet.report(5);
  const auto& commuting = out.titled("Commuting (Scope 3 category 7)");
  const auto& porters = commuting.one({"detail", "2026-01", "BAS", "3"});
  CHECK(text(porters, commuting.column("riders")) == "<5");
  CHECK(text(porters, commuting.column("loans")) == "<5");
  CHECK(number(porters, commuting.column("trips")) == 3);
  CHECK(number(commuting.one({"total", "all months", "all sites", "all bands"}), commuting.column("riders")) == 3);
  CHECK(out.method_mentions("<5"));
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
  CHECK(out.method_value("Software").find("Pedal Power Fleet") != std::string::npos);
  CHECK(out.method_value("Made") == "2026-01-01T00:00:00Z");
  const auto& commuting = out.titled("Commuting (Scope 3 category 7)");
  CHECK(commuting.find({"detail", "2026-01", "SOU"}).empty());
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
  bad = good;
  bad.suppress_below = 0;
  CHECK(refused_field(bad) == "suppress_below");
}
