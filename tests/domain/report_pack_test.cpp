#include <catch2/catch.hpp>

#include "pedalpower/domain/report_packs.hpp"
#include "worked_report_month.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

constexpr unix_seconds feb_2026 = 1769904000;

std::vector<std::string> titles_of(const collecting_report_writer& out)
{
  std::vector<std::string> titles;
  for (const auto& sheet : out.sheets) titles.push_back(sheet.title);
  return titles;
}

}  // namespace

TEST_CASE("a month's pack holds every report's sheets in order and one method, each line labelled with its report")
{
  worked_month fleet;
  collecting_report_writer out;
  const std::vector<method_line> stamp{{"Made by", "the test"}};
  REQUIRE(write_report_pack(fleet.scheme.db(), "2026-01", 1, out, stamp));
  CHECK(titles_of(out) == std::vector<std::string>{"Commuting (Scope 3 category 7)", "Between sites (Scope 3 category 6)",
                                                   "Commuting by previous mode", "Shares by pay band",
                                                   "Waiting list to bike by band and site", "Refusals by reason and band",
                                                   "Fleet use by site and month", "Distance by site and band"});
  CHECK(out.method_calls == 1);
  CHECK(out.method_value("Pack").find("2026-01") != std::string::npos);
  CHECK(out.method_value("Activity: Period").find("2026-01") != std::string::npos);
  CHECK(out.method_value("Distance: Period").rfind("2026-01-01 to 2026-01-31", 0) == 0);
  CHECK(!out.method_value("Equity: Refusals").empty());
  CHECK(!out.method_value("Fleet use: Days").empty());
  CHECK(out.method_lines.back() == std::pair<std::string, std::string>{"Made by", "the test"});

  // The activity sheet is the activity report's for the month: January's worked figures.
  collecting_report_writer alone;
  auto request = worked_month::request_for(1);
  request.to = "2026-01";
  REQUIRE(write_activity_report(fleet.scheme.db(), request, alone));
  CHECK(out.titled("Commuting (Scope 3 category 7)").rows == alone.titled("Commuting (Scope 3 category 7)").rows);
  const auto& distance = out.titled("Distance by site and band");
  CHECK(number(distance.one({"BAS", "3"}), distance.column("distance_km")) == Approx(24.0));
}

TEST_CASE("a pack is asked for a real month")
{
  worked_month fleet;
  collecting_report_writer out;
  for (const auto* month : {"2026-13", "2026-1", "January", "2026-01-01"}) {
    const auto made = write_report_pack(fleet.scheme.db(), month, 5, out, {});
    REQUIRE(!made);
    CHECK(made.error().field == "month");
  }
  CHECK(out.sheets.empty());
}

TEST_CASE("the months due are last month, then every month since the newest pack, and none claimed or made")
{
  worked_month fleet;
  auto& db = fleet.scheme.db();
  CHECK(report_pack_months_due(db, feb_2026) == std::vector<std::string>{"2026-01"});
  REQUIRE(claim_report_pack(db, "2026-01", feb_2026));
  CHECK_FALSE(claim_report_pack(db, "2026-01", feb_2026 + 60));
  CHECK(report_pack_months_due(db, feb_2026 + 60).empty());
  release_report_pack(db, "2026-01");
  CHECK(report_pack_months_due(db, feb_2026 + 60) == std::vector<std::string>{"2026-01"});
  REQUIRE(claim_report_pack(db, "2026-01", feb_2026));
  record_report_pack(db, actor{"test"}, feb_2026, {"2026-01", feb_2026, "report-pack-2026-01.xlsx", 100, "ab"}, "/x");
  CHECK(report_pack_months_due(db, feb_2026 + 100 * seconds_per_day) ==
        std::vector<std::string>{"2026-02", "2026-03", "2026-04"});
  CHECK(list_report_packs(db).size() == 1);
  CHECK(find_report_pack(db, "2026-01")->size_bytes == 100);
  CHECK(!find_report_pack(db, "2026-02"));
}
