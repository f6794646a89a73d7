#include "pedalpower/http/server.hpp"

#include <memory>
#include <thread>
#include <vector>

#include "echo_handler.hpp"
#include "http_client.hpp"
#include "in_process_server.hpp"

using namespace pedalpower;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

}  // namespace

TEST_CASE("a body over the limit gets 413 in JSON and never reaches the handler")
{
  echo_server echo(test_server_options([](auto& o) { o.body_limit = 1024; }));
  auto client = echo.connect();
  const auto response = client.request("POST", "/api/v1/telematics", std::string(4096, 'x'));
  CHECK(response.status == 413);
  CHECK(response.error_code() == "payload_too_large");
  CHECK(response.header("Content-Type") == "application/json");
  CHECK_FALSE(client.connected());
  CHECK(echo.handler.calls() == 0);
}

TEST_CASE("a body exactly at the limit is accepted")
{
  echo_server echo(test_server_options([](auto& o) { o.body_limit = 1024; }));
  auto client = echo.connect();
  CHECK(client.request("POST", "/api/v1/telematics", std::string(1024, 'x')).status == 200);
  CHECK(echo.handler.calls() == 1);
}

TEST_CASE("a chunked body that grows past the limit gets 413")
{
  echo_server echo(test_server_options([](auto& o) { o.body_limit = 1024; }));
  auto client = echo.connect();
  const std::string chunk(800, 'x');
  client.send_raw("POST /api/v1/telematics HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                  "320\r\n" + chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n");
  const auto response = client.read_response();
  CHECK(response.status == 413);
  CHECK(echo.handler.calls() == 0);
}

TEST_CASE("a header over the limit gets 431 in JSON")
{
  echo_server echo(test_server_options([](auto& o) { o.header_limit = 1024; }));
  auto client = echo.connect();
  const auto response = client.request("GET", "/api/v1/bikes", {}, {{"X-Padding", std::string(2048, 'p')}});
  CHECK(response.status == 431);
  CHECK(response.error_code() == "header_too_large");
  CHECK(echo.handler.calls() == 0);
}

TEST_CASE("a malformed request line gets 400 in JSON and the connection closes")
{
  echo_server{}.check_refused("this is not http\r\n\r\n", 400, "bad_request");
}

TEST_CASE("a client that sends half a request and stalls is dropped after the request timeout")
{
  echo_server echo(test_server_options([](auto& o) {
    o.request_timeout = 300ms;
    o.idle_timeout = 1h;
  }));
  SECTION("stalling in the header")
  {
    auto client = echo.connect();
    client.send_raw("GET /api/v1/bikes HTTP/1.1\r\nHost: t\r\nX-Slow");
    CHECK(client.wait_for_close());
  }
  SECTION("stalling in the body")
  {
    auto client = echo.connect();
    client.send_raw("POST /api/v1/loans HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{\"bike\":");
    CHECK(client.wait_for_close());
  }
  CHECK(echo.handler.calls() == 0);
}

TEST_CASE("a kept-alive connection left idle is closed after the idle timeout")
{
  echo_server echo(test_server_options([](auto& o) { o.idle_timeout = 300ms; }));
  auto client = echo.connect();
  REQUIRE(client.request("GET", "/api/v1/bikes").status == 200);
  CHECK(client.wait_for_close());
}

TEST_CASE("connections past the limit are closed at once and a freed place is reused")
{
  echo_server echo(test_server_options([](auto& o) {
    o.max_connections = 2;
    o.idle_timeout = 1h;
  }));
  auto first = echo.connect();
  auto second = echo.connect();
  REQUIRE(first.request("GET", "/api/v1/bikes").status == 200);
  REQUIRE(second.request("GET", "/api/v1/bikes").status == 200);

  auto third = echo.connect();
  CHECK_THROWS_AS(third.request("GET", "/api/v1/bikes"), std::runtime_error);
  CHECK(echo.handler.calls() == 2);

  first.disconnect();
  bool served = false;
  for (int attempt = 0; attempt < 3000 && !served; ++attempt) {
    auto later = echo.connect();
    try {
      served = later.request("GET", "/api/v1/bikes").status == 200;
    } catch (const std::runtime_error&) {
      std::this_thread::sleep_for(10ms);
    }
  }
  CHECK(served);
  CHECK(second.request("GET", "/api/v1/bikes").status == 200);
}

TEST_CASE("a flood of connections from one address leaves room for clients on other addresses")
{
  echo_server echo(test_server_options([](auto& o) {
    o.max_connections = 16;
    o.max_connections_per_address = 4;
  }));
  // More half-sent requests from 127.0.0.2 than the server has places, as a slow flood sends them.
  std::vector<std::unique_ptr<http_client>> flood;
  for (int i = 0; i < 24; ++i) {
    flood.push_back(std::make_unique<http_client>("127.0.0.1", echo.server.port(),
                                                  http_client_options{.local_address = "127.0.0.2"}));
    flood.back()->send_raw("GET /healthz HTTP/1.1\r\nHost: t\r\n");
  }
  auto other = echo.connect(http_client_options{.local_address = "127.0.0.3"});
  CHECK(other.request("GET", "/healthz").status == 200);
  // Past its fourth, every connection of the flood was closed at once.
  for (std::size_t i = 4; i < flood.size(); ++i) CHECK(flood[i]->wait_for_close());
  CHECK(echo.handler.calls() == 1);
}

TEST_CASE("a client expecting 100-continue is told to go on and then answered")
{
  echo_server echo;
  auto client = echo.connect();
  client.send_raw("POST /api/v1/loans HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
  CHECK(client.read_response().status == 100);
  client.send_raw("{}");
  const auto response = client.read_response();
  CHECK(response.status == 200);
  CHECK(json::parse(response.body)["body"] == "{}");
}

TEST_CASE("a client expecting 100-continue for a body over the limit gets 413 before sending it")
{
  echo_server echo(test_server_options([](auto& o) { o.body_limit = 1024; }));
  echo.check_refused("POST /api/v1/loans HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n",
                     413, "payload_too_large");
}

TEST_CASE("pipelined requests are all answered in order")
{
  echo_server echo;
  auto client = echo.connect();
  client.send_raw("GET /api/v1/a HTTP/1.1\r\nHost: t\r\n\r\nGET /api/v1/b HTTP/1.1\r\nHost: t\r\n\r\n");
  CHECK(json::parse(client.read_response().body)["path"] == "/api/v1/a");
  CHECK(json::parse(client.read_response().body)["path"] == "/api/v1/b");
}
