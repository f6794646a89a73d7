#include <catch2/catch.hpp>

#include <vector>

#include <nlohmann/json.hpp>

#include "written_file.hpp"

namespace {

using namespace pedalpower;
using domain::column_kind;
using domain::report_cell;

}  // namespace

TEST_CASE("a JSON report file carries the method, every sheet's columns and rows with numbers as numbers", "[export][json]")
{
  const std::vector<domain::method_line> method{{"Period", "2026-01"}};
  const std::vector<domain::report_column> columns{{"site", "Site", column_kind::text},
                                                   {"km", "Distance (km)", column_kind::decimal, 1}};
  const auto text = written_file(exports::file_format::json, [&](domain::report_writer& out) {
    out.method(method);
    out.begin_sheet("By site", columns);
    out.row(std::vector<report_cell>{std::string("=BAS"), 12.5});
    out.row(std::vector<report_cell>{report_cell{}, std::int64_t{3}});
    out.end_sheet();
    out.begin_sheet("Empty", columns);
    out.end_sheet();
  });
  const auto parsed = nlohmann::json::parse(text);
  CHECK(parsed.at("method") == nlohmann::json::parse(R"([{"label":"Period","value":"2026-01"}])"));
  REQUIRE(parsed.at("sheets").size() == 2);
  const auto& first = parsed.at("sheets").at(0);
  CHECK(first.at("title") == "By site");
  CHECK(first.at("columns").at(1) == nlohmann::json::parse(R"j({"key":"km","title":"Distance (km)","kind":"decimal","decimals":1})j"));
  CHECK(first.at("rows") == nlohmann::json::parse(R"([{"site":"=BAS","km":12.5},{"site":null,"km":3}])"));
  CHECK(parsed.at("sheets").at(1).at("rows").empty());
}

TEST_CASE("an XLSX file is a zip archive even for a report without rows", "[export][xlsx]")
{
  const std::vector<domain::report_column> columns{{"site", "Site", column_kind::text}};
  const auto bytes = written_file(exports::file_format::xlsx, [&](domain::report_writer& out) {
    out.begin_sheet("Nothing yet", columns);
    out.end_sheet();
  });
  REQUIRE(bytes.size() > 4);
  CHECK(bytes.substr(0, 4) == std::string("PK\x03\x04", 4));
}
