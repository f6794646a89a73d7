#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pedalpower/core/spreadsheet_text.hpp"
#include "written_file.hpp"

namespace {

using namespace pedalpower;
using domain::column_kind;
using domain::report_cell;
using domain::report_column;

const std::string bom = "\xEF\xBB\xBF";

const std::vector<report_column> name_and_count{{"name", "Name", column_kind::text},
                                                {"riders", "Riders", column_kind::integer}};

/// A CSV of one sheet with `rows` under the columns name and riders.
std::string csv_of(const std::vector<std::vector<report_cell>>& rows,
                   const std::vector<report_column>& columns = name_and_count)
{
  return written_file(exports::file_format::csv, [&](domain::report_writer& out) {
    out.begin_sheet("People", columns);
    for (const auto& cells : rows) out.row(cells);
    out.end_sheet();
  });
}

}  // namespace

TEST_CASE("a CSV starts with a UTF-8 byte-order mark and the columns' keys, and ends every line with CRLF", "[export][csv]")
{
  const auto csv = csv_of({{std::string("Ann"), std::int64_t{3}}, {std::string("Bea"), std::int64_t{12}}});
  CHECK(csv == bom + "name,riders\r\nAnn,3\r\nBea,12\r\n");
}

TEST_CASE("a CSV field with a comma, a quote or a line break is quoted, its quotes doubled", "[export][csv]")
{
  const auto csv = csv_of({{std::string("Smith, Jo"), std::int64_t{1}},
                           {std::string("say \"hi\""), std::int64_t{2}},
                           {std::string("two\r\nlines"), std::int64_t{3}},
                           {std::string("line\nfeed"), std::int64_t{4}}});
  CHECK(csv == bom + "name,riders\r\n\"Smith, Jo\",1\r\n\"say \"\"hi\"\"\",2\r\n\"two\r\nlines\",3\r\n\"line\nfeed\",4\r\n");
}

TEST_CASE("a CSV text cell starting with = + - @ tab or carriage return gets an apostrophe in front", "[export][csv]")
{
  const auto csv = csv_of({{std::string("=HYPERLINK(\"http://x\",\"y\")"), std::int64_t{1}},
                           {std::string("+44 1268"), std::int64_t{2}},
                           {std::string("-2+3"), std::int64_t{3}},
                           {std::string("@SUM(1)"), std::int64_t{4}},
                           {std::string("\tcmd"), std::int64_t{5}},
                           {std::string("\rcmd"), std::int64_t{6}},
                           {std::string("a=b"), std::int64_t{7}}});
  CHECK(csv == bom + "name,riders\r\n"
                     "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1\r\n"
                     "'+44 1268,2\r\n"
                     "'-2+3,3\r\n"
                     "'@SUM(1),4\r\n"
                     "'\tcmd,5\r\n"
                     "\"'\rcmd\",6\r\n"
                     "a=b,7\r\n");
}

TEST_CASE("numbers stay numbers in a CSV, negative ones too, in their shortest exact form", "[export][csv]")
{
  const std::vector<report_column> columns{{"change", "Change", column_kind::integer},
                                           {"net_kg", "Net (kg)", column_kind::decimal, 3}};
  const auto csv = csv_of({{std::int64_t{-5}, -0.019553}, {std::int64_t{0}, 1.580447}, {report_cell{}, 0.1}}, columns);
  CHECK(csv == bom + "change,net_kg\r\n-5,-0.019553\r\n0,1.580447\r\n,0.1\r\n");
}

TEST_CASE("a suppressed count arrives as the text <5 and passes through a CSV as it is", "[export][csv]")
{
  const auto csv = csv_of({{std::string("8d"), std::string("<5")}});
  CHECK(csv == bom + "name,riders\r\n8d,<5\r\n");
}

TEST_CASE("a CSV holds only a report's first sheet and not its method", "[export][csv]")
{
  const std::vector<domain::method_line> method{{"Period", "2026-01-01 to 2026-01-31"}};
  const auto csv = written_file(exports::file_format::csv, [&](domain::report_writer& out) {
    out.method(method);
    out.begin_sheet("Main", name_and_count);
    out.row(std::vector<report_cell>{std::string("Ann"), std::int64_t{1}});
    out.end_sheet();
    out.begin_sheet("Second", name_and_count);
    out.row(std::vector<report_cell>{std::string("Other"), std::int64_t{2}});
    out.end_sheet();
  });
  CHECK(csv == bom + "name,riders\r\nAnn,1\r\n");
}

TEST_CASE("neutralising leaves text that is safe as it is and marks only the dangerous first characters", "[export]")
{
  for (const auto* safe : {"", "Ann", "a-b", " =1", "'quoted", "<5", "\nline"}) {
    INFO(safe);
    CHECK_FALSE(pedalpower::needs_neutralising(safe));
    CHECK(pedalpower::neutralised(safe) == safe);
  }
  for (const auto* dangerous : {"=", "+", "-", "@", "\t", "\r"}) {
    INFO(dangerous);
    CHECK(pedalpower::needs_neutralising(dangerous));
    CHECK(pedalpower::neutralised(dangerous) == std::string("'") + dangerous);
  }
}

TEST_CASE("a neutralised cell read back is the text it was made from and any other is as it is", "[export]")
{
  for (const auto* text : {"", "Ann", "'quoted", "'", "''=1", "=SUM(A1)", "-5", "@handle", "O'Neil", "'Sullivan"}) {
    INFO(text);
    CHECK(pedalpower::unneutralised(pedalpower::neutralised(text)) == text);
  }
  CHECK(pedalpower::unneutralised("'Sullivan") == "'Sullivan");
  CHECK(pedalpower::unneutralised("'=1") == "=1");
}
