#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <unzip.h>

#include "written_file.hpp"

namespace {

using namespace pedalpower;
using domain::column_kind;
using domain::report_cell;
using domain::report_column;

/// One entry of a ZIP file's bytes, read back with minizip's reader.
std::string entry_of(const std::string& zip_bytes, const char* name)
{
  std::random_device seed;
  const auto path = std::filesystem::temp_directory_path() / ("pedalpower-ods-test-" + std::to_string(seed()) + ".zip");
  std::ofstream(path, std::ios::binary) << zip_bytes;
  std::string content;
  if (auto* zip = unzOpen64(path.c_str())) {
    if (unzLocateFile(zip, name, 1) == UNZ_OK && unzOpenCurrentFile(zip) == UNZ_OK) {
      char block[4096];
      for (int n; (n = unzReadCurrentFile(zip, block, sizeof block)) > 0;) content.append(block, static_cast<std::size_t>(n));
      unzCloseCurrentFile(zip);
    }
    unzClose(zip);
  }
  std::filesystem::remove(path);
  return content;
}

std::string content_of(const std::vector<report_column>& columns, const std::vector<std::vector<report_cell>>& rows)
{
  const auto ods = written_file(exports::file_format::ods, [&](domain::report_writer& out) {
    out.begin_sheet("Sheet", columns);
    for (const auto& cells : rows) out.row(cells);
    out.end_sheet();
  });
  return entry_of(ods, "content.xml");
}

}  // namespace

TEST_CASE("an ODS number is its shortest exact value, shown to its column's places however large", "[export][ods]")
{
  const auto xml = content_of({{"km", "Km", column_kind::decimal, 2}},
                              {{1e300}, {0.1}, {-2.5}, {std::numeric_limits<double>::infinity()}});
  const auto huge = xml.find(R"(office:value="1e+300"><text:p>)");
  REQUIRE(huge != std::string::npos);
  const auto shown_from = xml.find("<text:p>", huge) + 8;
  const auto shown = xml.substr(shown_from, xml.find("</text:p>", shown_from) - shown_from);
  CHECK(shown.size() == 301 + 3);  // every digit of the whole part, then ".00"
  CHECK(shown.starts_with("1000000000"));
  CHECK(shown.ends_with(".00"));
  CHECK(shown.find_first_not_of("0123456789.") == std::string::npos);
  CHECK(xml.find(R"(office:value="0.1"><text:p>0.10</text:p>)") != std::string::npos);
  CHECK(xml.find(R"(office:value="-2.5"><text:p>-2.50</text:p>)") != std::string::npos);
  CHECK(xml.find("inf") == std::string::npos);
}

TEST_CASE("an ODS moment keeps its milliseconds, never rounded into the next second nor a leap second", "[export][ods]")
{
  const auto xml = content_of({{"at", "At", column_kind::date}, {"month", "Month", column_kind::month}},
                              {{std::string("2016-12-31T23:59:60Z"), std::string("2026-01")},
                               {std::string("2026-01-15T08:30:59.9996Z"), std::string("2026-12-31")},
                               {std::string("2026-01-15T08:30:05.25Z"), std::string("not a month")}});
  CHECK(xml.find(R"(office:date-value="2016-12-31T23:59:59.999")") != std::string::npos);
  CHECK(xml.find(R"(office:date-value="2026-01-15T08:30:59.999"><text:p>2026-01-15 08:30:59</text:p>)") != std::string::npos);
  CHECK(xml.find(R"(office:date-value="2026-01-15T08:30:05.250")") != std::string::npos);
  CHECK(xml.find(R"(office:date-value="2026-01-01"><text:p>Jan 2026</text:p>)") != std::string::npos);
  CHECK(xml.find(R"(office:date-value="2026-12-01"><text:p>Dec 2026</text:p>)") != std::string::npos);
  CHECK(xml.find("<text:p>not a month</text:p>") != std::string::npos);
}

TEST_CASE("an ODS sheet holds every row once and in order, before and after its columns are sized", "[export][ods]")
{
  std::vector<std::vector<report_cell>> rows;
  for (std::int64_t i = 0; i < 450; ++i) rows.push_back({i});
  const auto xml = content_of({{"n", "N", column_kind::integer}}, rows);
  std::size_t at = 0;
  for (std::int64_t i = 0; i < 450; ++i) {
    at = xml.find("office:value=\"" + std::to_string(i) + "\">", at);
    REQUIRE(at != std::string::npos);
  }
  CHECK(xml.find("<table:table-column") < xml.find("<table:table-header-rows>"));
  const auto sheet = xml.substr(0, xml.find(R"(table:name="Method")"));
  CHECK(sheet.find(R"(office:value="449")") != std::string::npos);
  CHECK(sheet.find(R"(office:value="450")") == std::string::npos);
  CHECK(xml.find(R"(<text:p>Rows in Sheet</text:p></table:table-cell><table:table-cell table:style-name="n0" office:value-type="float" office:value="450")") != std::string::npos);
}
