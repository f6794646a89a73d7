#include <catch2/catch.hpp>

#include "pedalpower/domain/csv_reader.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

std::vector<std::vector<std::string>> rows_of(std::string_view text)
{
  std::vector<std::vector<std::string>> rows;
  for (auto& record : read_csv(text).records) rows.push_back(std::move(record.fields));
  return rows;
}

using rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("plain comma-separated lines split into fields")
{
  CHECK(rows_of("a,b,c\n1,,3\n") == rows{{"a", "b", "c"}, {"1", "", "3"}});
  CHECK(rows_of("a,b\n1,2") == rows{{"a", "b"}, {"1", "2"}});
}

TEST_CASE("quoted fields keep commas, line breaks and doubled quotes")
{
  CHECK(rows_of("\"Smith, Amelia\",\"said \"\"hi\"\"\",\"two\nlines\"\n") ==
        rows{{"Smith, Amelia", "said \"hi\"", "two\nlines"}});
  CHECK(rows_of("\"\",x\n") == rows{{"", "x"}});
}

TEST_CASE("CRLF, CR and LF all end a line, and a CRLF inside quotes becomes one line break")
{
  CHECK(rows_of("a,b\r\n1,2\r\n") == rows{{"a", "b"}, {"1", "2"}});
  CHECK(rows_of("a,b\r1,2\r") == rows{{"a", "b"}, {"1", "2"}});
  CHECK(rows_of("\"x\r\ny\"\r\n") == rows{{"x\ny"}});
}

TEST_CASE("a UTF-8 byte order mark at the start is dropped")
{
  CHECK(rows_of("\xEF\xBB\xBF\"Staff, Number\",Name\n") == rows{{"Staff, Number", "Name"}});
}

TEST_CASE("blank lines are skipped but still counted in line numbers")
{
  const auto document = read_csv("h\n\n\"a\nb\"\r\n\r\nc\n");
  REQUIRE(document.records.size() == 3);
  CHECK(document.records[0].line == 1);
  CHECK(document.records[1].line == 3);
  CHECK(document.records[2].line == 6);
}

TEST_CASE("a quoted field that never closes is reported at the line it opened")
{
  const auto document = read_csv("h\nok\n\"never\ncloses\n");
  CHECK(document.unterminated_quote_line == 3);
  CHECK_FALSE(read_csv("h\n\"closed\"\n").unterminated_quote_line);
}
