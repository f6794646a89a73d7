#include <catch2/catch.hpp>

#include "fleet_api_fixture.hpp"

using namespace fleet_api;
using api::role;

namespace {

// Two sites, three people and three loans written with plain SQL: two active, one returned.
struct lending_scheme {
  api_app app;
  std::int64_t north = app.created("/api/v1/sites", {{"code", "NTH"}, {"name", "North"}});
  std::int64_t south = app.created("/api/v1/sites", {{"code", "STH"}, {"name", "South"}});
  std::int64_t ann = add_staff("S100", "Ann Lee");
  std::int64_t bob = add_staff("S200", "Bob Ray");
  std::int64_t cat = add_staff("S300", "Cat Orr");

  std::int64_t add_staff(const std::string& number, const std::string& name)
  {
    return app.on_writer([&](db::connection& db) {
      db.run("INSERT INTO staff(staff_number, name, pay_band, created_at, updated_at) VALUES (?1, ?2, '3', 0, 0)", number,
             name);
      return db.last_insert_rowid();
    });
  }

  std::int64_t lend(std::int64_t staff, std::int64_t site, const std::string& tag, std::int64_t checked_out_at,
                    const std::string& status)
  {
    return app.on_writer([&](db::connection& db) {
      db.run("INSERT INTO bikes(asset_tag, frame_number, make, model, site_id, created_at, updated_at)"
             " VALUES (?1, ?2, 'Raleigh', 'Motus', ?3, 0, 0)",
             tag, "FR" + tag, site);
      const auto bike = db.last_insert_rowid();
      db.run("INSERT INTO loans(staff_id, bike_id, site_id, policy_version_id, terms_version, weekly_fee_pence,"
             " deposit_pence, status, checked_out_at, due_at, start_odometer_m, created_by)"
             " VALUES (?1, ?2, ?3, 1, '2025-01', 0, 0, ?4, ?5, ?6, 0, 'test')",
             staff, bike, site, status, checked_out_at, checked_out_at + 28 * 86400);
      return db.last_insert_rowid();
    });
  }
};

json listed(const lending_scheme& scheme, role who, const std::string& query)
{
  const auto answer = scheme.app.call(who, "GET", "/api/v1/loans" + query);
  INFO(answer.body);
  REQUIRE(answer.status == 200);
  return body_of(answer);
}

}  // namespace

TEST_CASE("the loans due back within some days are the active ones due from now until then, not the overdue")
{
  lending_scheme scheme;
  const auto now = pedalpower::current_time();
  const auto day = pedalpower::seconds_per_day;
  const auto soon = scheme.lend(scheme.ann, scheme.north, "EB-1", now - 25 * day, "active");  // due in 3 days
  scheme.lend(scheme.bob, scheme.south, "EB-2", now - 10 * day, "active");                    // due in 18 days
  scheme.lend(scheme.cat, scheme.north, "EB-3", now - 29 * day, "active");                    // a day overdue
  scheme.lend(scheme.cat, scheme.north, "EB-4", now - 26 * day, "returned");                  // back already

  const auto week = listed(scheme, role::coordinator, "?due_within_days=7");
  REQUIRE(week.at("total") == 1);
  CHECK(week.at("data")[0].at("id") == soon);
  CHECK(listed(scheme, role::coordinator, "?due_within_days=30").at("total") == 2);
  for (const auto* wrong : {"0", "367", "soon"}) {
    const auto refused =
        scheme.app.call(role::coordinator, "GET", std::string("/api/v1/loans?due_within_days=") + wrong);
    CHECK(error_field(refused) == "due_within_days");
  }
}

TEST_CASE("the loans list names each borrower for a coordinator, filtered and sorted as asked, and for nobody else")
{
  lending_scheme scheme;
  const auto ann_loan = scheme.lend(scheme.ann, scheme.north, "EB-1", 1000, "active");
  const auto bob_loan = scheme.lend(scheme.bob, scheme.south, "EB-2", 2000, "active");
  const auto cat_loan = scheme.lend(scheme.cat, scheme.north, "EB-3", 3000, "returned");

  const auto all = listed(scheme, role::coordinator, "?sort=id");
  CHECK(all.at("total") == 3);
  std::vector<std::tuple<std::int64_t, std::string, std::string>> borrowers;
  for (const auto& loan : all.at("data")) borrowers.emplace_back(loan.at("id"), loan.at("staff_name"), loan.at("staff_number"));
  CHECK(borrowers == decltype(borrowers){{ann_loan, "Ann Lee", "S100"}, {bob_loan, "Bob Ray", "S200"}, {cat_loan, "Cat Orr", "S300"}});
  std::vector<std::pair<std::string, std::string>> named;
  for (const auto& loan : all.at("data")) named.emplace_back(loan.at("bike_tag"), loan.at("site_code"));
  CHECK(named == decltype(named){{"EB-1", "NTH"}, {"EB-2", "STH"}, {"EB-3", "NTH"}});

  // The filters and orders read the loan's own site, status and id, not the borrower's.
  const auto north_active = listed(scheme, role::coordinator, "?site_id=" + std::to_string(scheme.north) + "&status=active");
  REQUIRE(north_active.at("total") == 1);
  CHECK(north_active.at("data")[0].at("staff_name") == "Ann Lee");
  const auto newest_first = listed(scheme, role::coordinator, "?sort=-id&page_size=1&page=2");
  CHECK(newest_first.at("total") == 3);
  CHECK(newest_first.at("data")[0].at("id") == bob_loan);
  const auto overdue = scheme.app.call(role::coordinator, "GET", "/api/v1/loans/overdue");
  REQUIRE(overdue.status == 200);
  CHECK(body_of(overdue).at("data")[0].at("staff_name") == "Ann Lee");
  CHECK(body_of(overdue).at("data")[0].contains("days_overdue"));

  const auto file = scheme.app.call(role::coordinator, "GET", "/api/v1/loans.csv?sort=id");
  REQUIRE(file.status == 200);
  CHECK(file.body.find("Ann Lee") != std::string::npos);
  CHECK(file.body.find("S300") != std::string::npos);
  CHECK(file.body.find("bike_tag,bike_id,site_code,site_id") != std::string::npos);
  CHECK(file.body.find("EB-3,") != std::string::npos);
  CHECK(file.body.find(",STH,") != std::string::npos);

  // Technicians chase bikes by the loan alone.
  const auto technician = listed(scheme, role::technician, "?sort=id");
  CHECK(technician.at("total") == 3);
  for (const auto& loan : technician.at("data")) {
    CHECK_FALSE(loan.contains("staff_name"));
    CHECK_FALSE(loan.contains("staff_number"));
  }
  const auto technician_file = scheme.app.call(role::technician, "GET", "/api/v1/loans.csv");
  REQUIRE(technician_file.status == 200);
  CHECK(technician_file.body.find("Ann Lee") == std::string::npos);
  CHECK(technician_file.body.find("S100") == std::string::npos);
  CHECK(scheme.app.call(role::reporter, "GET", "/api/v1/loans").status == 403);
}
