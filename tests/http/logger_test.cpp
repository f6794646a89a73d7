#include "pedalpower/http/logger.hpp"

#include <sstream>

using namespace pedalpower::http;

TEST_CASE("log levels read back from their names and nothing else")
{
  for (const auto level : {log_level::error, log_level::warn, log_level::info, log_level::debug}) {
    CHECK(log_level_from_string(to_string(level)) == level);
  }
  CHECK_FALSE(log_level_from_string("verbose"));
  CHECK_FALSE(log_level_from_string("INFO"));
}

TEST_CASE("lines below the threshold are dropped and the others written whole")
{
  std::ostringstream out;
  logger log(log_level::warn, out);
  log.write(log_level::info, "not shown");
  log.write(log_level::debug, "not shown either");
  log.write(log_level::warn, "disk nearly full");
  log.write_line(log_level::error, "raw line");
  const auto text = out.str();
  CHECK_THAT(text, !Catch::Contains("not shown"));
  CHECK_THAT(text, Catch::Contains("Z warn: disk nearly full\n"));
  CHECK_THAT(text, Catch::EndsWith("\nraw line\n"));
}
