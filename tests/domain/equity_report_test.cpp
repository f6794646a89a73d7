#include <catch2/catch.hpp>

#include "pedalpower/domain/checkout_refusals.hpp"
#include "pedalpower/domain/reports.hpp"
#include "outcome_refusal.hpp"
#include "worked_report_month.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

// Beside the worked month: the porter joined BAS's waiting list on 26 Dec and got a bike on 5 Jan
// (10 days), the cleaner joined on 1 Jan and got one on 10 Jan (9 days): median 9.5 days. The
// nurse let an offer lapse on 20 Jan, and a kiosk replay of a second checkout by the porter was
// refused on 15 Jan for the loan limit.
struct equity_month : worked_month {
  equity_month()
  {
    const auto day = report_scheme::day;
    const auto jan = report_scheme::jan_2026;
    auto& db = scheme.db();
    const auto entry = [&](std::int64_t staff, std::int64_t site, std::int64_t joined, const char* status, std::int64_t closed) {
      db.run("INSERT INTO waitlist_entries(staff_id, site_id, priority_tier, joined_at, status, closed_at)"
             " VALUES (?1, ?2, 1, ?3, ?4, ?5)",
             staff, site, joined, status, closed);
    };
    entry(porter, scheme.site_a, jan - 6 * day, "fulfilled", jan + 4 * day);
    entry(cleaner, scheme.site_a, jan, "fulfilled", jan + 9 * day);
    entry(nurse, scheme.site_b, jan, "expired", jan + 19 * day);
    db.run("INSERT INTO devices(name, role, site_id, token_hash, created_at) VALUES ('kiosk', 'kiosk', ?1, 'x', 0)",
           scheme.site_a);
    db.run("INSERT INTO kiosk_exceptions(device_id, idempotency_key, kind, staff_id, recorded_at, payload, refusal,"
           " reported_at) VALUES (?1, 'k1', 'checkout', ?2, ?3, '{}',"
           " '{\"error\": {\"code\": \"loan_limit_reached\"}}', ?3)",
           db.last_insert_rowid(), porter, jan + 14 * day);
  }

  collecting_report_writer equity(int suppress_below)
  {
    collecting_report_writer out;
    const auto made = write_equity_report(scheme.db(), request_for(suppress_below), out);
    if (!made) FAIL(made.error().field << ": " << made.error().message);
    return out;
  }
};

}  // namespace

TEST_CASE("equity shares of loans, riders and km by band stand beside the workforce's band mix")
{
  equity_month fleet;
  const auto out = fleet.equity(1);
  const auto& shares = out.titled("Shares by pay band");
  const auto& band_3 = shares.one({"3"});
  // Staff: 2 of 3 in band 3. Loans 2 of 3, riders 2 of 3, km 29 of 43 (25 + 4 against 8 + 6).
  CHECK(number(band_3, shares.column("staff")) == 2);
  CHECK(number(band_3, shares.column("staff_share")) == Approx(0.667));
  CHECK(number(band_3, shares.column("loans_share")) == Approx(0.667));
  CHECK(number(band_3, shares.column("riders")) == 2);
  CHECK(number(band_3, shares.column("distance_km")) == Approx(29.0));
  CHECK(number(band_3, shares.column("distance_share")) == Approx(0.674));
  CHECK(number(shares.one({"all bands"}), shares.column("riders")) == 3);
  CHECK(number(shares.one({"8a"}), shares.column("staff")) == 0);
}

TEST_CASE("equity shares hide a band's few riders and loans with their shares and km and keep the workforce's mix")
{
  equity_month fleet;
  const auto out = fleet.equity(5);
  const auto& shares = out.titled("Shares by pay band");
  const auto& band_3 = shares.one({"3"});
  CHECK(number(band_3, shares.column("staff")) == 2);
  CHECK(number(band_3, shares.column("staff_share")) == Approx(0.667));
  CHECK(text(band_3, shares.column("riders")) == "<5");
  CHECK(text(band_3, shares.column("loans")) == "<5");
  for (const auto* figure : {"loans_share", "riders_share", "distance_km", "distance_share"}) {
    INFO(figure);
    CHECK(std::holds_alternative<std::monostate>(band_3[shares.column(figure)]));
  }
  // Two bands are hidden, so the all-bands row gives neither back and shows.
  CHECK(number(shares.one({"all bands"}), shares.column("riders")) == 3);
  CHECK(number(shares.one({"all bands"}), shares.column("distance_km")) == Approx(43.0));
}

TEST_CASE("waiting times by band and site give the median and count, suppressed when few")
{
  equity_month fleet;
  const auto shown = fleet.equity(1);
  const auto& waits = shown.titled("Waiting list to bike by band and site");
  const auto& bas = waits.one({"BAS", "3"});
  CHECK(number(bas, waits.column("people")) == 2);
  CHECK(number(bas, waits.column("median_days")) == Approx(9.5));

  const auto hidden = fleet.equity(5);
  const auto& few = hidden.titled("Waiting list to bike by band and site").one({"BAS", "3"});
  CHECK(text(few, 2) == "<5");
  CHECK(std::holds_alternative<std::monostate>(few[3]));
}

TEST_CASE("refusals recorded are counted by reason and band")
{
  equity_month fleet;
  const auto out = fleet.equity(5);
  const auto& refusals = out.titled("Refusals by reason and band");
  CHECK(number(refusals.one({"kiosk: loan_limit_reached", "3"}), 2) == 1);
  CHECK(number(refusals.one({"waiting list: offer lapsed", "6"}), 2) == 1);
  CHECK(out.method_value("Refusals").find("asked for online") != std::string::npos);
}

TEST_CASE("checkouts refused online count by reason and band, a kiosk's refused replay only once")
{
  equity_month fleet;
  const auto jan = report_scheme::jan_2026;
  const auto day = report_scheme::day;
  auto& db = fleet.scheme.db();
  auto& found = db.query("SELECT id FROM devices WHERE name = 'kiosk'");
  REQUIRE(found.step());
  const auto device = found.get_int(0);
  found.reset();
  record_checkout_refusal(db, jan + 2 * day, {fleet.cleaner, std::nullopt, device, "online-1", "not_eligible"});
  record_checkout_refusal(db, jan + 3 * day, {fleet.cleaner, std::nullopt, std::nullopt, std::nullopt, "not_eligible"});
  record_checkout_refusal(db, jan + 3 * day, {fleet.nurse, std::nullopt, std::nullopt, std::nullopt, "bike_reserved"});
  // The replay the kiosk filed as an exception (key k1) was refused online too: it counts once.
  record_checkout_refusal(db, jan + 14 * day, {fleet.porter, std::nullopt, device, "k1", "loan_limit_reached"});
  // Outside the period.
  record_checkout_refusal(db, jan - 2 * day, {fleet.nurse, std::nullopt, std::nullopt, std::nullopt, "bike_reserved"});

  const auto out = fleet.equity(5);
  const auto& refusals = out.titled("Refusals by reason and band");
  CHECK(number(refusals.one({"checkout refused online: not_eligible", "3"}), 2) == 2);
  CHECK(number(refusals.one({"checkout refused online: bike_reserved", "6"}), 2) == 1);
  CHECK(number(refusals.one({"kiosk: loan_limit_reached", "3"}), 2) == 1);
  CHECK(refusals.rows.size() == 4);

  collecting_report_writer at_sou;
  REQUIRE(write_equity_report(db, equity_month::request_for(5, fleet.scheme.site_b), at_sou));
  // Refusals with no bike and no kiosk have no site: only the all-sites report counts them.
  CHECK(at_sou.titled("Refusals by reason and band").rows.size() == 1);
}

TEST_CASE("fleet use is days on loan over days lendable, by site and month")
{
  worked_month fleet;
  collecting_report_writer out;
  REQUIRE(write_fleet_use_report(fleet.scheme.db(), worked_month::request_for(5), out));
  const auto& use = out.titled("Fleet use by site and month");
  // BAS in January: the porter's bike is out from the 5th (27 day ends), the cleaner's from the
  // 10th (22); two bikes lendable all 31 days: 49 / 62 = 0.790. SOU: 20 of 31 = 0.645.
  const auto& bas = use.one({"2026-01", "BAS"});
  CHECK(number(bas, use.column("on_loan_days")) == 49);
  CHECK(number(bas, use.column("lendable_days")) == 62);
  CHECK(number(bas, use.column("use")) == Approx(0.790));
  CHECK(number(use.one({"2026-01", "SOU"}), use.column("use")) == Approx(0.645));
  CHECK(number(use.one({"2026-02", "SOU"}), use.column("on_loan_days")) == 28);
}

TEST_CASE("a rider's statement lists their loans, km and CO2e")
{
  worked_month fleet;
  collecting_report_writer out;
  REQUIRE(write_rider_statement(fleet.scheme.db(), fleet.porter, worked_month::request_for(5), out));
  const auto& loans = out.titled("Loans");
  REQUIRE(loans.rows.size() == 2);
  // 25 km: avoided 25 × 0.16272 = 4.068 kg, e-bike 25 × 0.0019553 = 0.0488825, net 4.0191175.
  const auto& total = loans.one({"all loans"});
  CHECK(number(total, loans.column("trips")) == 3);
  CHECK(number(total, loans.column("distance_km")) == Approx(25.0));
  CHECK(number(total, loans.column("avoided_kg")) == Approx(4.068));
  CHECK(number(total, loans.column("ebike_kg")) == Approx(0.049));
  CHECK(number(total, loans.column("net_kg")) == Approx(4.019));
  CHECK(out.method_value("Previous commute") == "car_petrol");

  collecting_report_writer nobody;
  CHECK(refusal(write_rider_statement(fleet.scheme.db(), 999, worked_month::request_for(5), nobody)) ==
        "staff_not_found");
}

TEST_CASE("fleet use counts a lost loan until it was marked lost and no day that has not ended")
{
  report_scheme scheme;
  constexpr auto day = report_scheme::day;
  const auto jan = report_scheme::jan_2026;
  const auto lost = scheme.lend(scheme.add_rider("3", "car_petrol"), scheme.site_a, jan + 4 * day);
  scheme.db().run("UPDATE loans SET status = 'lost' WHERE id = ?1", lost);
  scheme.db().run(
      "INSERT INTO audit_log(at, actor, action, entity, entity_id) VALUES (?1, 'test', 'loan.lost', 'loan', ?2)",
      jan + 14 * day, std::to_string(lost));
  // Out since three days before today, still out: three day ends have passed, today's has not.
  const auto now = pedalpower::current_time();
  scheme.lend(scheme.add_rider("3", "walk"), scheme.site_a, now - now % day - 3 * day);

  report_request request;
  request.from = "2026-01";
  request.to = pedalpower::utc_date(now).substr(0, 7);
  request.suppress_below = 1;
  collecting_report_writer out;
  REQUIRE(write_fleet_use_report(scheme.db(), request, out));
  const auto& use = out.titled("Fleet use by site and month");
  // Day ends of 5 to 14 January: the loan stops counting when it is marked lost.
  CHECK(number(use.one({"2026-01", "BAS"}), use.column("on_loan_days")) == 10);
  std::int64_t on_loan = 0;
  for (const auto& line : use.rows) {
    if (text(line, use.column("site")) == "BAS")
      on_loan += static_cast<std::int64_t>(number(line, use.column("on_loan_days")));
  }
  CHECK(on_loan == 13);
  const auto this_month = pedalpower::utc_date(now).substr(0, 7);
  const auto ended_days = std::stoi(pedalpower::utc_date(now).substr(8, 2)) - 1;
  for (const auto& line : use.rows) {
    if (text(line, use.column("month")) != this_month) continue;
    // Two bikes at most, on the days of this month that have ended.
    CHECK(number(line, use.column("lendable_days")) <= 2 * ended_days);
  }
}
