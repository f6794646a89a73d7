#include <catch2/catch.hpp>

#include "report_fixture.hpp"

namespace {

/// The lines `lines_sql` selects (one text column, "line"), sorted and joined by ';'.
std::string joined(report_scheme& scheme, const std::string& lines_sql)
{
  auto& rows = scheme.db().query("SELECT coalesce(group_concat(line, ';'), '') FROM (" + lines_sql + " ORDER BY 1)");
  rows.step();
  auto text = rows.get_text(0);
  rows.reset();
  return text;
}

/// The trip and loan rollups as kept, and as worked out again from every trip summary and loan:
/// equal when exact.
std::string kept(report_scheme& scheme)
{
  return joined(scheme,
                "SELECT month || ',' || site_id || ',' || pay_band || ',' || previous_mode || ',' || car_occupancy || ','"
                " || journey || ',' || trips || ',' || riders || ',' || distance_mm || ',' || odometer_mm || ',' || gpx_mm"
                " || ',' || vehicle_mm || ',' || unobserved_mm AS line FROM trip_month_totals") +
         " | " + joined(scheme, "SELECT month || ',' || site_id || ',' || pay_band || ',' || loans AS line FROM loan_month_totals");
}

std::string worked_out(report_scheme& scheme)
{
  return joined(scheme,
                "SELECT month || ',' || site_id || ',' || pay_band || ',' || previous_mode || ',' || car_occupancy || ','"
                " || journey || ',' || count(*) || ',' || count(DISTINCT staff_id) || ',' || sum(distance_mm) || ',' ||"
                " sum(odometer_mm) || ',' || sum(gpx_mm) || ',' || sum(vehicle_mm) || ',' || sum(unobserved_mm) AS line"
                " FROM trip_rollup_rows GROUP BY month, site_id, pay_band, previous_mode, car_occupancy, journey") +
         " | " +
         joined(scheme, "SELECT strftime('%Y-%m', l.checked_out_at, 'unixepoch') || ',' || l.site_id || ',' || s.pay_band"
                        " || ',' || count(*) AS line FROM loans l JOIN staff s ON s.id = l.staff_id"
                        " GROUP BY strftime('%Y-%m', l.checked_out_at, 'unixepoch'), l.site_id, s.pay_band");
}

std::int64_t rider_rows(report_scheme& scheme) { return scheme.number("SELECT count(*) FROM rider_month_trips"); }

}  // namespace

TEST_CASE("the monthly rollups stay exact as trips and loans are added, changed and deleted")
{
  report_scheme scheme;
  const auto porter = scheme.add_rider("3", "car_petrol");
  const auto nurse = scheme.add_rider("6", "car_diesel", 2);
  const auto porters_loan = scheme.lend(porter, scheme.site_a, report_scheme::jan_2026);
  const auto nurses_loan = scheme.lend(nurse, scheme.site_b, report_scheme::jan_2026);

  const auto first = scheme.ride(porters_loan, report_scheme::jan_2026 + 86400, 10.0);
  scheme.ride(porters_loan, report_scheme::jan_2026 + 2 * 86400, 10.0005, "odometer");
  const auto nurses_trip = scheme.ride(nurses_loan, report_scheme::jan_2026 + 3 * 86400, 8.0, "gps_track", "commute", true);
  scheme.ride(nurses_loan, report_scheme::feb_2026 + 86400, 6.0, "gps_track", "between_sites");
  CHECK(kept(scheme) == worked_out(scheme));
  CHECK(scheme.number("SELECT riders FROM trip_month_totals WHERE pay_band = '3'") == 1);
  CHECK(scheme.number("SELECT distance_mm FROM trip_month_totals WHERE pay_band = '3'") == 20000500);
  CHECK(rider_rows(scheme) == 3);
  CHECK(scheme.number("SELECT loans FROM loan_month_totals WHERE month = '2026-01' AND pay_band = '6'") == 1);

  SECTION("a trip's distance or month changes")
  {
    scheme.db().run("UPDATE trip_summaries SET distance_m = 12000, started_ms = ?2, ended_ms = ?2 + 600000 WHERE id = ?1", first,
                    report_scheme::feb_2026 * 1000);
    CHECK(kept(scheme) == worked_out(scheme));
    CHECK(rider_rows(scheme) == 4);
  }
  SECTION("a trip is deleted, and the last trip of a rider in a month takes the rider away")
  {
    scheme.db().run("DELETE FROM trip_summaries WHERE id = ?1", nurses_trip);
    CHECK(kept(scheme) == worked_out(scheme));
    CHECK(scheme.number("SELECT count(*) FROM trip_month_totals WHERE pay_band = '6' AND month = '2026-01'") == 0);
    CHECK(rider_rows(scheme) == 2);
  }
  SECTION("a trip moves to another loan")
  {
    scheme.db().run("UPDATE trip_summaries SET loan_id = ?2 WHERE id = ?1", first, nurses_loan);
    CHECK(kept(scheme) == worked_out(scheme));
  }
  SECTION("a trip outside any loan counts nowhere, and counts once linked to a loan")
  {
    scheme.db().run("UPDATE trip_summaries SET loan_id = NULL WHERE id = ?1", first);
    CHECK(kept(scheme) == worked_out(scheme));
    scheme.db().run("UPDATE trip_summaries SET loan_id = ?2 WHERE id = ?1", first, porters_loan);
    CHECK(kept(scheme) == worked_out(scheme));
  }
  SECTION("a rider's pay band or previous commute changes")
  {
    scheme.db().run("UPDATE staff SET pay_band = '5' WHERE id = ?1", porter);
    CHECK(kept(scheme) == worked_out(scheme));
    CHECK(scheme.number("SELECT count(*) FROM trip_month_totals WHERE pay_band = '3'") == 0);
    CHECK(scheme.number("SELECT loans FROM loan_month_totals WHERE pay_band = '5'") == 1);
    scheme.db().run("UPDATE staff SET commute_mode = 'bus', commute_car_occupancy = 3 WHERE id = ?1", nurse);
    CHECK(kept(scheme) == worked_out(scheme));
    CHECK(scheme.number("SELECT max(car_occupancy) FROM trip_month_totals") == 1);
    scheme.db().run("UPDATE staff SET name = 'Renamed' WHERE id = ?1", porter);
    CHECK(kept(scheme) == worked_out(scheme));
  }
  SECTION("a loan's borrower or site is corrected")
  {
    scheme.db().run("UPDATE loans SET staff_id = ?2, site_id = ?3 WHERE id = ?1", porters_loan, nurse, scheme.site_b);
    CHECK(kept(scheme) == worked_out(scheme));
    CHECK(scheme.number("SELECT riders FROM trip_month_totals WHERE month = '2026-01' AND journey = 'commute'") == 1);
  }
  SECTION("a loan is checked out, moved to another month, and deleted")
  {
    const auto third = scheme.lend(porter, scheme.site_b, report_scheme::feb_2026);
    CHECK(kept(scheme) == worked_out(scheme));
    CHECK(scheme.number("SELECT sum(loans) FROM loan_month_totals WHERE month = '2026-02'") == 1);
    scheme.db().run("UPDATE loans SET checked_out_at = ?2 WHERE id = ?1", third, report_scheme::jan_2026 + 5 * 86400);
    CHECK(kept(scheme) == worked_out(scheme));
    CHECK(scheme.number("SELECT count(*) FROM loan_month_totals WHERE month = '2026-02'") == 0);
    scheme.db().run("DELETE FROM loans WHERE id = ?1", third);
    CHECK(kept(scheme) == worked_out(scheme));
    CHECK(scheme.number("SELECT sum(loans) FROM loan_month_totals") == 2);
  }
}
