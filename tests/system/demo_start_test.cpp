#include <catch2/catch.hpp>

#include <regex>

#include "running_scheme.hpp"

namespace {

std::string printed_password(const std::string& log)
{
  static const std::regex line("demo coordinator login: username coordinator, password (\\S+)");
  std::smatch found;
  if (!std::regex_search(log, found, line)) throw std::runtime_error("no login printed in:\n" + log);
  return found[1];
}

}  // namespace

TEST_CASE("a demo start fills the database and prints a coordinator login that works", "[system][demo]")
{
  temp_database database;
  server_process server(database.path(), {"--demo"});
  const auto password = printed_password(server.log());
  coordinator_client coordinator(server.port(), password);
  CHECK(coordinator.expect(200, "GET", "/api/v1/sites").at("total") == 3);
  CHECK(coordinator.expect(200, "GET", "/api/v1/bikes").at("total") >= 50);
  CHECK(coordinator.expect(200, "GET", "/api/v1/loans/overdue").at("total") >= 1);

  SECTION("a second start keeps the data and prints a new password")
  {
    const auto loans = count_rows(database.path(), "SELECT count(*) FROM loans");
    server.stop();
    server.restart();
    const auto second = printed_password(server.log().substr(server.log().rfind("listening on")));
    CHECK(second != password);
    CHECK_THROWS(coordinator_client(server.port(), password));
    coordinator_client again(server.port(), second);
    CHECK(count_rows(database.path(), "SELECT count(*) FROM loans") == loans);
  }

  SECTION("a second start that cannot listen leaves the printed password working")
  {
    std::string output;
    const auto code = server_process::run_to_exit(
        {"--db", database.path(), "--demo", "--listen", "127.0.0.1", "--port", std::to_string(server.port())}, output);
    INFO(output);
    CHECK(code != 0);
    CHECK(output.find("demo coordinator login") == std::string::npos);
    coordinator_client still(server.port(), password);
    CHECK(still.expect(200, "GET", "/api/v1/sites").at("total") == 3);
  }
}
