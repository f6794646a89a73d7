#pragma once

#include <optional>
#include <string>
#include <vector>

#include "collecting_report_writer.hpp"
#include "pedalpower/domain/reports.hpp"
#include "report_fixture.hpp"

// The scheme the report tests share, its figures worked by hand below.

using row = std::vector<pedalpower::domain::report_cell>;

inline double number(const row& cells, std::size_t at)
{
  if (const auto* whole = std::get_if<std::int64_t>(&cells[at])) return static_cast<double>(*whole);
  return std::get<double>(cells[at]);
}

inline std::string text(const row& cells, std::size_t at) { return std::get<std::string>(cells[at]); }

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
  std::int64_t porter = scheme.add_rider("3", "car_petrol");
  std::int64_t cleaner = scheme.add_rider("3", "walk");
  std::int64_t nurse = scheme.add_rider("6", "car_diesel", 2);

  worked_month()
  {
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

  static pedalpower::domain::report_request request_for(int suppress_below, std::optional<std::int64_t> site = {})
  {
    pedalpower::domain::report_request request;
    request.from = "2026-01";
    request.to = "2026-02";
    request.site_id = site;
    request.suppress_below = suppress_below;
    return request;
  }

  collecting_report_writer report(int suppress_below, std::optional<std::int64_t> site = {})
  {
    collecting_report_writer out;
    const auto made = pedalpower::domain::write_activity_report(scheme.db(), request_for(suppress_below, site), out);
    if (!made) FAIL(made.error().field << ": " << made.error().message);
    return out;
  }
};
