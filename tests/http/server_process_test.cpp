#include "server_process.hpp"

#include <filesystem>
#include <future>
#include <thread>

#include <nlohmann/json.hpp>

#include "http_client.hpp"
#include "pedalpower/db/connection.hpp"
#include "temp_database.hpp"
#include "time_zone.hpp"

using nlohmann::json;
using namespace std::chrono_literals;

namespace {

/// The server executable on a database of its own, and a client of it.
struct fresh_server {
  const temp_database database;
  server_process server{database.path()};
  http_client client{"127.0.0.1", server.port()};
};

}  // namespace

TEST_CASE_METHOD(fresh_server, "the server executable listens on the port it chose and answers /healthz")
{
  const auto response = client.request("GET", "/healthz");
  CHECK(response.status == 200);
  CHECK(json::parse(response.body)["status"] == "ok");
  CHECK_THAT(server.log(), Catch::Contains("listening on http://127.0.0.1:" + std::to_string(server.port())));
  CHECK(server.stop() == 0);
}

TEST_CASE_METHOD(fresh_server, "SIGTERM lets a request that is still arriving finish and the server exits 0")
{
  REQUIRE(client.request("GET", "/healthz").status == 200);

  const std::string body = R"({"note":"a slow upload from a kiosk on a weak network"})";
  client.send_raw("GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
                  body.substr(0, 10));
  std::this_thread::sleep_for(200ms);  // lets the server start reading; the check does not depend on it
  auto exit_code = std::async(std::launch::async, [this] { return server.stop(); });
  std::this_thread::sleep_for(200ms);
  client.send_raw(body.substr(10));
  const auto response = client.read_response();
  CHECK(response.status == 200);
  CHECK(response.header("Connection") == "close");
  CHECK(exit_code.get() == 0);
}

TEST_CASE_METHOD(fresh_server, "SIGTERM closes idle connections and the server exits 0")
{
  REQUIRE(client.request("GET", "/healthz").status == 200);
  CHECK(server.stop() == 0);
  CHECK(client.wait_for_close());
}

TEST_CASE_METHOD(fresh_server, "a server killed hard restarts on the same database")
{
  REQUIRE(client.request("GET", "/readyz").status == 200);
  server.kill_hard();
  server.restart();
  CHECK(http_client("127.0.0.1", server.port()).request("GET", "/readyz").status == 200);
  CHECK(server.stop() == 0);
}

TEST_CASE_METHOD(fresh_server, "the access log names the path but never the query string")
{
  REQUIRE(client.request("GET", "/healthz?surname=Okonkwo").status == 200);
  server.stop();
  const auto log = server.log();
  CHECK_THAT(log, Catch::Contains(" 127.0.0.1 GET /healthz 200 "));
  CHECK_THAT(log, !Catch::Contains("Okonkwo"));
}

TEST_CASE("a time zone the machine does not have stops the server before it serves, naming it")
{
  const temp_database database;
  std::string output;
  {
    const time_zone misspelt("Europe/Londno");
    CHECK(server_process::run_to_exit({"--port", "0", "--db", database.path()}, output) == 2);
  }
  CHECK_THAT(output, Catch::Contains("TZ=Europe/Londno names no time zone"));
  CHECK_FALSE(std::filesystem::exists(database.path()));
}

TEST_CASE("the availability feeds give the time zone the server keeps its local times in")
{
  const auto feed_zone = [](const char* zone) {
    const time_zone kept(zone);
    const temp_database database;
    server_process server{database.path()};
    const auto answer = http_client("127.0.0.1", server.port()).request("GET", "/gbfs/v3/system_information.json");
    REQUIRE(answer.status == 200);
    server.stop();
    return json::parse(answer.body)["data"]["timezone"].get<std::string>();
  };
  CHECK(feed_zone("America/New_York") == "America/New_York");
  CHECK(feed_zone("UTC") == "UTC");
}

TEST_CASE("a database written by a newer version makes the server exit 1 with a clear message")
{
  const temp_database database;
  {
    pedalpower::db::connection db({.path = database.path()});
    db.execute_script("PRAGMA user_version = 9999;");
  }
  std::string output;
  CHECK(server_process::run_to_exit({"--port", "0", "--db", database.path()}, output) == 1);
  CHECK_THAT(output, Catch::Contains("newer version"));
}

TEST_CASE("a database that cannot be opened makes the server exit 1 naming it")
{
  std::string output;
  CHECK(server_process::run_to_exit({"--port", "0", "--db", "/nonexistent-folder/fleet.sqlite"}, output) == 1);
  CHECK_THAT(output, Catch::Contains("/nonexistent-folder/fleet.sqlite"));
}

TEST_CASE("plain HTTP beyond loopback makes the server exit 1 unless allowed")
{
  const temp_database database;
  std::string output;
  CHECK(server_process::run_to_exit({"--listen", "0.0.0.0", "--port", "0", "--db", database.path()}, output) == 1);
  CHECK_THAT(output, Catch::Contains("refusing plain HTTP"));
}

TEST_CASE("--help explains the flags and exits 0 and a bad flag exits 2 naming it")
{
  std::string output;
  CHECK(server_process::run_to_exit({"--help"}, output) == 0);
  CHECK_THAT(output, Catch::Contains("--port N") && Catch::Contains("PEDALPOWER_DB"));
  CHECK(server_process::run_to_exit({"--log-level", "chatty"}, output) == 2);
  CHECK_THAT(output, Catch::Contains("--log-level"));
}
