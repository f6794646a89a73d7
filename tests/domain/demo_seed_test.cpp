#include <catch2/catch.hpp>

#include <set>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "collecting_report_writer.hpp"
#include "pedalpower/domain/demo_seed.hpp"
#include "pedalpower/domain/reports.hpp"
#include "pedalpower/domain/sites.hpp"
#include "pedalpower/domain/telematics_reports.hpp"
#include "migrated_database.hpp"
#include "outcome_refusal.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

const unix_seconds now = 1'748'865'600;  // 2025-06-02T12:00:00Z

struct seeded_database : migrated_database {
  outcome<demo_seed_summary> summary;

  explicit seeded_database(std::uint64_t seed = default_demo_seed) : summary(seed_demo(db, now, seed)) {}

  /// Every row of the tables the seed fills, as text, for comparing two databases.
  std::string dump()
  {
    std::string text;
    for (const char* table : {"sites", "bikes", "staff", "loans", "loan_accessories", "fault_reports", "trip_summaries"}) {
      auto& rows = db.query(std::string("SELECT * FROM ") + table + " ORDER BY 1, 2");
      while (rows.step()) {
        for (int c = 0; c < rows.column_count(); ++c) text += rows.get_optional_text(c).value_or("NULL") + "|";
        text += "\n";
      }
    }
    return text;
  }
};

}  // namespace

TEST_CASE("the demo seed makes three hospital sites, sixty bikes and five hundred staff")
{
  seeded_database store;
  REQUIRE(store.summary);
  CHECK(store.summary->sites == 3);
  CHECK(store.summary->bikes == 60);
  CHECK(store.summary->staff == 500);
  CHECK(store.count("SELECT count(*) FROM sites") == 3);
  CHECK(store.count("SELECT count(*) FROM bikes") == 60);
  CHECK(store.count("SELECT count(*) FROM staff") == 500);
  CHECK(store.count("SELECT count(DISTINCT site_id) FROM bikes") == 3);
}

TEST_CASE("demo staff are mostly on bands 2 to 6, with every band present")
{
  seeded_database store;
  CHECK(store.count("SELECT count(*) FROM staff WHERE pay_band IN ('2','3','4','5','6')") >= 350);
  CHECK(store.count("SELECT count(DISTINCT pay_band) FROM staff") == 13);
  CHECK(store.count("SELECT count(DISTINCT department) FROM staff") >= 20);
  CHECK(store.count("SELECT count(DISTINCT commute_mode) FROM staff") == 9);
  CHECK(store.count("SELECT count(*) FROM staff WHERE active = 0") > 0);
}

TEST_CASE("the demo history has returned loans, a few active ones and exactly one overdue")
{
  seeded_database store;
  REQUIRE(store.summary);
  CHECK(store.summary->loans_returned >= 60);
  CHECK(store.summary->loans_active >= 5);
  CHECK(store.summary->loans_overdue == 1);
  CHECK(store.count("SELECT count(*) FROM loans WHERE status = 'returned'") == store.summary->loans_returned);
  CHECK(store.count("SELECT count(*) FROM loans WHERE status = 'active' AND due_at < " + std::to_string(now)) == 1);
  CHECK(store.count("SELECT min(checked_out_at) FROM loans") >= now - 121 * 86'400);
}

TEST_CASE("the demo history could have happened under the default policy")
{
  seeded_database store;
  // Every loaned bike is on loan, and only those.
  CHECK(store.count("SELECT count(*) FROM bikes WHERE status = 'on_loan'") ==
        store.count("SELECT count(*) FROM loans WHERE status = 'active'"));
  CHECK(store.count("SELECT count(*) FROM loans l JOIN bikes b ON b.id = l.bike_id "
                    "WHERE l.status = 'active' AND b.status <> 'on_loan'") == 0);
  // Nobody borrows twice at once, away from home, before induction, or beyond their band's days.
  CHECK(store.count("SELECT count(*) FROM loans a JOIN loans b ON a.staff_id = b.staff_id AND a.id < b.id "
                    "WHERE a.checked_out_at < coalesce(b.returned_at, 9e18) "
                    "AND b.checked_out_at < coalesce(a.returned_at, 9e18)") == 0);
  CHECK(store.count("SELECT count(*) FROM loans a JOIN loans b ON a.bike_id = b.bike_id AND a.id < b.id "
                    "WHERE a.checked_out_at < coalesce(b.returned_at, 9e18) "
                    "AND b.checked_out_at < coalesce(a.returned_at, 9e18)") == 0);
  CHECK(store.count("SELECT count(*) FROM loans l JOIN staff s ON s.id = l.staff_id "
                    "WHERE s.home_site_id <> l.site_id OR s.induction_date IS NULL "
                    "OR s.induction_date > date(l.checked_out_at, 'unixepoch')") == 0);
  CHECK(store.count("SELECT count(*) FROM loans l JOIN staff s ON s.id = l.staff_id JOIN policy_bands p "
                    "ON p.policy_version_id = l.policy_version_id AND p.pay_band = s.pay_band "
                    "WHERE l.due_at <> l.checked_out_at + p.max_loan_days * 86400") == 0);
  CHECK(store.count("SELECT count(*) FROM loans l JOIN bikes b ON b.id = l.bike_id WHERE l.site_id <> b.site_id") == 0);
  // Odometers only go forward.
  CHECK(store.count("SELECT count(*) FROM loans WHERE end_odometer_m < start_odometer_m") == 0);
  CHECK(store.count("SELECT count(*) FROM loans l JOIN bikes b ON b.id = l.bike_id "
                    "WHERE coalesce(l.end_odometer_m, l.start_odometer_m) > b.odometer_m") == 0);
  CHECK(store.count("SELECT count(*) FROM loans WHERE status = 'returned' AND end_odometer_m > start_odometer_m") > 0);
}

TEST_CASE("the demo rides are the commutes of returned loans, within each loan and adding up to its odometer")
{
  seeded_database store;
  REQUIRE(store.summary);
  CHECK(store.summary->trips > 1000);
  CHECK(store.count("SELECT count(*) FROM trip_summaries") == store.summary->trips);
  CHECK(store.count("SELECT count(*) FROM trip_summaries t JOIN loans l ON l.id = t.loan_id AND l.bike_id = t.bike_id "
                    "WHERE l.status = 'returned' AND t.started_ms >= l.checked_out_at * 1000 "
                    "AND t.ended_ms <= l.returned_at * 1000 AND t.ended_ms > t.started_ms") == store.summary->trips);
  CHECK(store.count("SELECT count(*) FROM loans l WHERE l.status = 'returned' AND l.end_odometer_m - l.start_odometer_m "
                    "<> (SELECT coalesce(sum(distance_m), 0) FROM trip_summaries t WHERE t.loan_id = l.id)") == 0);
}

TEST_CASE("the demo rides fill the distance report for every site")
{
  seeded_database store;
  const auto report = distance_by_site_and_band(store.db, utc_date(now - 120 * 86'400), utc_date(now), {}, 1);
  REQUIRE(report);
  std::set<std::string> sites;
  double distance_km = 0;
  for (const auto& total : report->totals) {
    sites.insert(total.site_code);
    distance_km += total.distance_km;
  }
  CHECK(sites.size() == 3);
  CHECK(distance_km * 1000 == Approx(store.count("SELECT sum(distance_m) FROM trip_summaries")).epsilon(1e-6));
}

TEST_CASE("the demo's bikes were lendable in every month they were on loan")
{
  seeded_database store;
  report_request request;
  request.from = utc_date(now - 200 * 86'400).substr(0, 7);
  request.to = utc_date(now).substr(0, 7);
  collecting_report_writer out;
  REQUIRE(write_fleet_use_report(store.db, request, out));
  const auto& sheet = out.titled("Fleet use by site and month");
  int months_with_loans = 0;
  for (const auto& row : sheet.rows) {
    const auto on_loan = std::get<std::int64_t>(row[sheet.column("on_loan_days")]);
    const auto lendable = std::get<std::int64_t>(row[sheet.column("lendable_days")]);
    INFO(std::get<std::string>(row[sheet.column("site")]) << " " << std::get<std::string>(row[sheet.column("month")]));
    CHECK(lendable >= on_loan);
    if (on_loan > 0) ++months_with_loans;
  }
  CHECK(months_with_loans >= 3 * 4);  // three sites, each with loans in four months or more
}

TEST_CASE("the demo fleet has bikes in the workshop with open faults, one retired and one lost")
{
  seeded_database store;
  REQUIRE(store.summary);
  CHECK(store.count("SELECT count(*) FROM bikes WHERE status = 'maintenance'") == 4);
  CHECK(store.summary->fault_reports == 4);
  CHECK(store.count("SELECT count(*) FROM fault_reports f JOIN bikes b ON b.id = f.bike_id "
                    "WHERE b.status = 'maintenance' AND f.resolved_at IS NULL") == 4);
  CHECK(store.count("SELECT count(*) FROM bikes WHERE status = 'retired'") == 1);
  CHECK(store.count("SELECT count(*) FROM bikes WHERE status = 'lost'") == 1);
}

TEST_CASE("the demo seed creates no user logins or devices")
{
  seeded_database store;
  CHECK(store.count("SELECT count(*) FROM users") == 0);
  CHECK(store.count("SELECT count(*) FROM devices") == 0);
}

TEST_CASE("the same moment and seed always give the same demo data, another seed gives other data")
{
  seeded_database first;
  seeded_database second;
  seeded_database other(7);
  CHECK(first.dump() == second.dump());
  CHECK(first.dump() != other.dump());
}

TEST_CASE("the demo seed refuses a database that already holds fleet data, and adds nothing")
{
  temp_database file;
  db::connection db{{file.path(), db::synchronous_mode::off}};
  db::migrate(db);
  REQUIRE(create_site(db, {"user:1:coordinator"}, now, {"BAS", "Basildon", ""}));
  CHECK(refusal(seed_demo(db, now)) == "database_not_empty");
  auto& rows = db.query("SELECT count(*) FROM staff");
  rows.step();
  CHECK(rows.get_int(0) == 0);
  rows.reset();
}

TEST_CASE("the demo's past services read the odometer of their day, so kilometres have been ridden since most of them")
{
  seeded_database store;
  const auto checks = store.count("SELECT count(*) FROM service_records");
  const auto ridden_since = store.count(
      "SELECT count(*) FROM service_records r JOIN bikes b ON b.id = r.bike_id "
      "WHERE r.odometer_m < b.odometer_m");
  REQUIRE(checks > 0);
  CHECK(ridden_since * 10 >= checks * 8);
  CHECK(store.count("SELECT count(*) FROM service_records r JOIN bikes b ON b.id = r.bike_id "
                    "WHERE r.odometer_m > b.odometer_m") == 0);
}
