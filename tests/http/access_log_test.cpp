#include "pedalpower/http/access_log.hpp"

using namespace pedalpower::http;
using namespace std::chrono_literals;

namespace {

access_entry sample(std::string_view target)
{
  access_entry entry;
  entry.started = std::chrono::system_clock::time_point(1'740'816'902'123ms);  // 2025-03-01T08:15:02.123Z
  entry.remote_address = "10.1.2.3";
  entry.method = "POST";
  entry.target = target;
  entry.status = 201;
  entry.duration = 4200us;
  entry.body_bytes = 311;
  return entry;
}

}  // namespace

TEST_CASE("an access line holds the time and remote and method and path and status and duration and bytes")
{
  CHECK(format_access_line(sample("/api/v1/loans")) == "2025-03-01T08:15:02.123Z 10.1.2.3 POST /api/v1/loans 201 4.2ms 311B");
}

TEST_CASE("an access line never holds the query string")
{
  const auto line = format_access_line(sample("/api/v1/staff?surname=Smith&band=3"));
  CHECK_THAT(line, Catch::Contains(" /api/v1/staff 201 "));
  CHECK_THAT(line, !Catch::Contains("Smith"));
  CHECK_THAT(line, !Catch::Contains("?"));
}

TEST_CASE("control characters in a path cannot forge another log line")
{
  const auto line = format_access_line(sample("/a\nfake 200\r"));
  CHECK(line.find('\n') == std::string::npos);
  CHECK(line.find('\r') == std::string::npos);
  CHECK_THAT(line, Catch::Contains("/a\\x0afake\\x20200\\x0d"));
}

TEST_CASE("an answer cut off is logged with the bytes sent and marked broken")
{
  auto entry = sample("/api/v1/audit.csv");
  entry.status = 200;
  entry.body_bytes = 65536;
  entry.broken = true;
  CHECK_THAT(format_access_line(entry), Catch::EndsWith(" POST /api/v1/audit.csv 200 4.2ms 65536B broken"));
}
