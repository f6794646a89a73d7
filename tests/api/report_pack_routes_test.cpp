#include <catch2/catch.hpp>

#include <filesystem>
#include <future>

#include "auth_fixture.hpp"
#include "january_ride.hpp"
#include "pedalpower/api/report_packs.hpp"

using namespace auth_fixture;

namespace {

constexpr std::int64_t feb_2026 = 1769904000;
constexpr std::int64_t apr_2026 = 1775001600;

/// A scheme with a report author (who has an address) and one 10 km ride in January 2026.
struct packed_scheme {
  access_app app;
  std::int64_t site = app.add_site("BAS");

  packed_scheme()
  {
    const auto author = app.add_user("author", "reporter");
    app.add_user("quiet-author", "reporter");  // no address: told nothing
    app.on_writer([&](db::connection& db) {
      db.run("UPDATE users SET email = 'author@example.nhs.uk' WHERE id = ?1", author.id);
      january_ride::add(db, site);
    });
  }

  std::vector<std::string> run_job(std::int64_t now) const { return api::make_due_report_packs(app.application(), now); }

  api::response get(const api::request& req) const { return app_calls::dispatch(app.application(), req); }
  api::response get(const browser& who, const std::string& target) const
  {
    return get(who.sign(make_request("GET", target), false));
  }
  std::int64_t messages() const
  {
    return app.count("SELECT count(*) FROM outbox WHERE kind = 'report_pack_ready'");
  }
};

std::vector<std::string> months_listed(const nlohmann::json& page)
{
  std::vector<std::string> months;
  for (const auto& pack : page.at("data")) months.push_back(pack.at("month").get<std::string>());
  return months;
}

}  // namespace

TEST_CASE("the pack job makes last month's pack once, tells each report author once and audits it", "[report-packs]")
{
  packed_scheme scheme;
  CHECK(scheme.run_job(feb_2026 + 3600) == std::vector<std::string>{"2026-01"});
  CHECK(scheme.run_job(feb_2026 + 7200).empty());
  CHECK(scheme.run_job(feb_2026 + 20 * 86400).empty());

  CHECK(scheme.messages() == 1);
  auto& message = scheme.app.application().reader().query(
      "SELECT recipient, json_extract(facts, '$.link'), json_extract(facts, '$.month') FROM outbox"
      " WHERE kind = 'report_pack_ready'");
  REQUIRE(message.step());
  CHECK(message.get_text(0) == "author@example.nhs.uk");
  CHECK(message.get_text(1) == "/api/v1/reports/packs/2026-01");
  CHECK(message.get_text(2) == "2026-01");
  message.reset();
  CHECK(scheme.app.count("SELECT count(*) FROM audit_log WHERE action = 'report_pack.made' AND entity = 'report_pack'"
                         " AND entity_id = '2026-01' AND actor = 'system:report-packs'") == 1);

  const auto author = scheme.app.sign_in("author");
  const auto listed = scheme.get(author, "/api/v1/reports/packs");
  REQUIRE(listed.status == 200);
  const auto page = nlohmann::json::parse(listed.body);
  CHECK(page.at("total") == 1);
  CHECK(page.at("page") == 1);
  const auto& pack = page.at("data").at(0);
  CHECK(pack.at("month") == "2026-01");
  CHECK(pack.at("download") == "/api/v1/reports/packs/2026-01");
  CHECK(pack.at("sha256").get<std::string>().size() == 64);

  const auto file = scheme.get(author, "/api/v1/reports/packs/2026-01");
  REQUIRE(file.status == 200);
  CHECK(file.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  CHECK(header_of(file, "Content-Disposition") == "attachment; filename=\"report-pack-2026-01.xlsx\"");
  CHECK(file.body.substr(0, 2) == "PK");  // a zip, as every XLSX is
  CHECK(static_cast<std::int64_t>(file.body.size()) == pack.at("size_bytes").get<std::int64_t>());
  CHECK(scheme.get(author, "/api/v1/reports/packs/2026-01.xlsx").body == file.body);
  // The kept file stays for the next download.
  CHECK(std::filesystem::exists(api::report_pack_folder(scheme.app.application()) / "report-pack-2026-01.xlsx"));
}

TEST_CASE("a server down on the first catches up every month missed, and only those", "[report-packs]")
{
  packed_scheme scheme;
  CHECK(scheme.run_job(feb_2026 + 3600) == std::vector<std::string>{"2026-01"});
  CHECK(scheme.run_job(apr_2026 + 5 * 86400) == std::vector<std::string>{"2026-02", "2026-03"});
  CHECK(scheme.run_job(apr_2026 + 6 * 86400).empty());
  CHECK(scheme.messages() == 3);
  const auto listed = scheme.get(scheme.app.signed_in_as("coordinator"), "/api/v1/reports/packs");
  CHECK(months_listed(nlohmann::json::parse(listed.body)) == std::vector<std::string>{"2026-03", "2026-02", "2026-01"});
}

TEST_CASE("a new scheme makes only last month's pack, and a long stop catches up at most a year", "[report-packs]")
{
  packed_scheme scheme;
  CHECK(scheme.run_job(apr_2026 + 3600) == std::vector<std::string>{"2026-03"});
  const auto later = scheme.run_job(apr_2026 + 2 * 366 * 86400);  // April 2028
  REQUIRE(later.size() == 12);
  CHECK(later.front() == "2027-04");
  CHECK(later.back() == "2028-03");
}

TEST_CASE("two servers on one database make a month's pack once", "[report-packs]")
{
  packed_scheme scheme;
  api::app second(app_calls::test_config(scheme.app.application().config().database.path));
  auto first_run = std::async(std::launch::async, [&] { return scheme.run_job(feb_2026 + 3600); });
  auto second_run = std::async(std::launch::async, [&] { return api::make_due_report_packs(second, feb_2026 + 3600); });
  const auto made = first_run.get().size() + second_run.get().size();
  CHECK(made == 1);
  CHECK(scheme.messages() == 1);
  CHECK(scheme.app.count("SELECT count(*) FROM report_packs WHERE status = 'ready'") == 1);
}

TEST_CASE("a claim left by a server that stopped while writing is taken over after an hour", "[report-packs]")
{
  packed_scheme scheme;
  scheme.app.on_writer([](db::connection& db) {
    db.run("INSERT INTO report_packs(month, status, claimed_at) VALUES ('2026-01', 'making', ?1)", feb_2026);
  });
  CHECK(scheme.run_job(feb_2026 + 600).empty());
  CHECK(scheme.run_job(feb_2026 + 3601) == std::vector<std::string>{"2026-01"});
}

TEST_CASE("report packs are for coordinators and report authors: a technician and a kiosk are refused",
          "[report-packs]")
{
  packed_scheme scheme;
  scheme.run_job(feb_2026 + 3600);
  const auto technician = scheme.app.signed_in_as("technician");
  CHECK(scheme.get(technician, "/api/v1/reports/packs").status == 403);
  CHECK(scheme.get(technician, "/api/v1/reports/packs/2026-01").status == 403);
  const auto kiosk = scheme.app.add_device("store-kiosk", "kiosk", scheme.site);
  CHECK(scheme.get(with_bearer(make_request("GET", "/api/v1/reports/packs"), kiosk.token)).status == 403);
  CHECK(scheme.get(with_bearer(make_request("GET", "/api/v1/reports/packs/2026-01"), kiosk.token)).status == 403);
  CHECK(scheme.get(make_request("GET", "/api/v1/reports/packs/2026-01")).status == 401);

  const auto coordinator = scheme.app.signed_in_as("coordinator");
  CHECK(scheme.get(coordinator, "/api/v1/reports/packs/2026-01").status == 200);
  const auto missing = scheme.get(coordinator, "/api/v1/reports/packs/2025-12");
  CHECK(status_and_code(missing) == "404 report_pack_not_found");
}
