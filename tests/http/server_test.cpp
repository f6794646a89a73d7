#include "pedalpower/http/server.hpp"

#include <condition_variable>
#include <future>
#include <iostream>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "echo_handler.hpp"
#include "http_client.hpp"
#include "in_process_server.hpp"

using namespace pedalpower;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

/// Hands a request's responder from the server to the test, which answers when it chooses.
class parked_requests {
public:
  http::dispatcher dispatcher()
  {
    return [this](api::request, api::responder respond) {
      const std::lock_guard lock(mutex_);
      parked_.push_back(std::move(respond));
      arrived_.notify_all();
    };
  }

  /// Waits until `count` requests have arrived; false if they did not within a generous bound.
  bool wait_for(std::size_t count)
  {
    std::unique_lock lock(mutex_);
    return arrived_.wait_for(lock, 30s, [&] { return parked_.size() >= count; });
  }

  /// Answers the oldest parked request from a thread of its own, as the database writer would.
  void answer_from_another_thread(api::response response)
  {
    api::responder respond;
    {
      const std::lock_guard lock(mutex_);
      respond = std::move(parked_.front());
      parked_.erase(parked_.begin());
    }
    std::thread([respond = std::move(respond), response = std::move(response)] { respond(response); }).join();
  }

private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<api::responder> parked_;
};

/// True once connecting to `port` fails, as it does after the server stopped listening.
bool eventually_refuses_connections(unsigned short port)
{
  for (int attempt = 0; attempt < 3000; ++attempt) {
    http_client probe("127.0.0.1", port);
    try {
      probe.send_raw("");
    } catch (const std::runtime_error&) {
      return true;
    }
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

}  // namespace

TEST_CASE("several requests share one kept-alive connection")
{
  echo_server echo;
  auto client = echo.connect();
  for (int i = 0; i < 3; ++i) {
    const auto response = client.request("GET", "/api/v1/bikes");
    REQUIRE(response.status == 200);
    CHECK(client.connected());
  }
  CHECK(client.connections_opened() == 1);
  CHECK(echo.handler.calls() == 3);
}

TEST_CASE("the API sees the decoded path and query and lower-case header names and the body and the remote address")
{
  echo_server echo;
  auto client = echo.connect();
  const auto response =
      client.request("POST", "/api/v1/staff%20list?name=Ada%20L&band=8a", R"({"x":1})", {{"X-Trace-Id", "abc"}});
  REQUIRE(response.status == 200);
  const auto seen = json::parse(response.body);
  CHECK(seen["method"] == "POST");
  CHECK(seen["target"] == "/api/v1/staff%20list?name=Ada%20L&band=8a");
  CHECK(seen["path"] == "/api/v1/staff list");
  CHECK(seen["query"] == json::array({{"name", "Ada L"}, {"band", "8a"}}));
  CHECK(seen["headers"]["x-trace-id"] == "abc");
  CHECK(seen["body"] == R"({"x":1})");
  CHECK(seen["remote"] == "127.0.0.1");
  CHECK(seen["secure"] == false);
}

TEST_CASE("every response says nosniff and API responses must not be cached")
{
  echo_server echo;
  auto client = echo.connect();

  const auto api_answer = client.request("GET", "/api/v1/bikes");
  CHECK(api_answer.header("X-Content-Type-Options") == "nosniff");
  CHECK(api_answer.header("Cache-Control") == "no-store");
  CHECK(api_answer.header("Content-Type") == "application/json");
  CHECK_FALSE(api_answer.header("Strict-Transport-Security"));

  const auto page = client.request("GET", "/index.html");
  CHECK(page.header("X-Content-Type-Options") == "nosniff");
  CHECK_FALSE(page.header("Cache-Control"));
}

TEST_CASE("a handler's status and content type and extra headers reach the client")
{
  in_process_server server([](api::request, api::responder respond) {
    api::response answer;
    answer.status = 201;
    answer.content_type = "text/html; charset=utf-8";
    answer.body = "<p>made</p>";
    answer.headers = {{"Location", "/api/v1/loans/7"}, {"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}};
    respond(std::move(answer));
  });
  http_client client("127.0.0.1", server.port());
  const auto response = client.request("POST", "/api/v1/loans", "{}");
  CHECK(response.status == 201);
  CHECK(response.body == "<p>made</p>");
  CHECK(response.header("Content-Type") == "text/html; charset=utf-8");
  CHECK(response.header("Location") == "/api/v1/loans/7");
  CHECK(std::count(response.headers.begin(), response.headers.end(), std::pair<std::string, std::string>("set-cookie", "b=2")) == 1);
}

TEST_CASE("an answer given later from another thread reaches the client")
{
  parked_requests parked;
  in_process_server server(parked.dispatcher());
  auto reply = std::async(std::launch::async, [port = server.port()] {
    http_client client("127.0.0.1", port);
    return client.request("POST", "/api/v1/loans", "{}");
  });
  REQUIRE(parked.wait_for(1));
  parked.answer_from_another_thread(api::json_response({{"loan", 12}}, 201));
  const auto response = reply.get();
  CHECK(response.status == 201);
  CHECK(json::parse(response.body)["loan"] == 12);
}

TEST_CASE("a handler that throws is answered 500 and the connection stays usable")
{
  bool first = true;
  in_process_server server([&first](api::request, api::responder respond) {
    if (std::exchange(first, false)) throw std::runtime_error("database on fire");
    respond(api::json_response({{"ok", true}}));
  });
  http_client client("127.0.0.1", server.port());
  const auto failed = client.request("GET", "/api/v1/bikes");
  CHECK(failed.status == 500);
  CHECK(failed.error_code() == "internal_error");
  CHECK_THAT(failed.body, !Catch::Contains("on fire"));
  CHECK(client.request("GET", "/api/v1/bikes").status == 200);
  CHECK(client.connections_opened() == 1);
}

TEST_CASE("a handler that drops its responder without answering is answered 500")
{
  in_process_server server([](api::request, api::responder) {});
  http_client client("127.0.0.1", server.port());
  const auto response = client.request("GET", "/api/v1/bikes");
  CHECK(response.status == 500);
  CHECK(response.error_code() == "internal_error");
}

TEST_CASE("an answer racing the connection's wait, from another thread, is delivered once and in order")
{
  // Half the answers come before the dispatcher returns, half just after: both sides of the hand-off.
  std::mutex mutex;
  std::vector<std::thread> answering;
  in_process_server server([&](api::request req, api::responder respond) {
    std::thread answer([respond = std::move(respond), body = req.body] { respond(api::json_response({{"echo", body}})); });
    const std::lock_guard lock(mutex);
    if (answering.size() % 2 == 0) answer.join();
    answering.push_back(std::move(answer));
  });
  http_client client("127.0.0.1", server.port());
  for (int i = 0; i < 200; ++i) {
    const auto response = client.request("POST", "/api/v1/echo", std::to_string(i));
    REQUIRE(response.status == 200);
    REQUIRE(json::parse(response.body)["echo"] == std::to_string(i));
  }
  CHECK(client.connections_opened() == 1);
  const std::lock_guard lock(mutex);
  CHECK(answering.size() == 200);
  for (auto& answer : answering) {
    if (answer.joinable()) answer.join();
  }
}

TEST_CASE("connections are spread over every network thread and stop ends them all")
{
  std::mutex mutex;
  std::set<std::thread::id> serving;
  in_process_server server(
      [&](api::request, api::responder respond) {
        {
          const std::lock_guard lock(mutex);
          serving.insert(std::this_thread::get_id());
        }
        respond(api::json_response({{"ok", true}}));
      },
      test_server_options([](auto& o) { o.io_threads = 4; }));
  std::vector<std::unique_ptr<http_client>> clients;
  for (int i = 0; i < 8; ++i) {
    clients.push_back(std::make_unique<http_client>("127.0.0.1", server.port()));
    REQUIRE(clients.back()->request("GET", "/api/v1/bikes").status == 200);
  }
  CHECK(serving.size() == 4);
  server.stop();
  CHECK(server.finished());
}

TEST_CASE("a server with more threads than connections stops when asked")
{
  echo_server echo(test_server_options([](auto& o) { o.io_threads = 8; }));
  auto client = echo.connect();
  REQUIRE(client.request("GET", "/api/v1/bikes").status == 200);
  echo.server.stop();
  CHECK(echo.server.finished());
}

TEST_CASE("a malformed target is answered 400 without reaching the handler")
{
  echo_server echo;
  auto client = echo.connect();
  const auto response = client.request("GET", "/api/v1/bikes%zz");
  CHECK(response.status == 400);
  CHECK(response.error_code() == "bad_request");
  CHECK(echo.handler.calls() == 0);
}

TEST_CASE("HEAD is answered with the length of the body but no body")
{
  in_process_server server([](api::request, api::responder respond) {
    api::response answer;
    answer.body = "0123456789";
    respond(std::move(answer));
  });
  http_client client("127.0.0.1", server.port());
  const auto head = client.request("HEAD", "/api/v1/report.csv");
  CHECK(head.status == 200);
  CHECK(head.header("Content-Length") == "10");
  CHECK(head.body.empty());
  CHECK(client.request("GET", "/api/v1/report.csv").body == "0123456789");
  CHECK(client.connections_opened() == 1);
}

TEST_CASE("a client asking for Connection: close gets its answer and the connection ends")
{
  echo_server echo;
  auto client = echo.connect();
  const auto response = client.request("GET", "/api/v1/bikes", {}, {{"Connection", "close"}});
  CHECK(response.status == 200);
  CHECK(response.header("Connection") == "close");
  CHECK_FALSE(client.connected());
}

TEST_CASE("stop lets an in-flight request finish before the server ends")
{
  parked_requests parked;
  in_process_server server(parked.dispatcher(), test_server_options([](auto& o) { o.shutdown_timeout = 1h; }));
  auto reply = std::async(std::launch::async, [port = server.port()] {
    http_client client("127.0.0.1", port);
    return client.request("POST", "/api/v1/returns", "{}");
  });
  REQUIRE(parked.wait_for(1));
  server.request_stop();
  CHECK(eventually_refuses_connections(server.port()));
  parked.answer_from_another_thread(api::json_response({{"returned", true}}));
  const auto response = reply.get();
  CHECK(response.status == 200);
  server.stop();
  CHECK(server.finished());
}

TEST_CASE("stop closes kept-alive connections that are waiting for a request")
{
  echo_server echo(test_server_options([](auto& o) {
    o.idle_timeout = 1h;
    o.shutdown_timeout = 1h;
  }));
  auto client = echo.connect();
  REQUIRE(client.request("GET", "/api/v1/bikes").status == 200);
  echo.server.request_stop();
  CHECK(client.wait_for_close());
  echo.server.stop();
  CHECK(echo.server.finished());
}

TEST_CASE("a request never answered is abandoned after the shutdown timeout and a late answer is harmless")
{
  parked_requests parked;
  std::future<http_response> reply;
  {
    in_process_server server(parked.dispatcher(), test_server_options([](auto& o) { o.shutdown_timeout = 200ms; }));
    reply = std::async(std::launch::async, [port = server.port()] {
      http_client client("127.0.0.1", port);
      return client.request("GET", "/api/v1/slow");
    });
    REQUIRE(parked.wait_for(1));
    server.stop();
    CHECK(server.finished());
  }
  CHECK_THROWS_AS(reply.get(), std::runtime_error);
  parked.answer_from_another_thread(api::json_response({{"too", "late"}}));
}

TEST_CASE("plain HTTP on an address other than loopback needs explicit permission")
{
  echo_handler handler;
  http::logger log(http::log_level::error, std::cerr);
  auto options = test_server_options([](auto& o) { o.address = "0.0.0.0"; });
  CHECK_THROWS_WITH(http::server(options, handler.dispatcher(), log), Catch::Contains("refusing plain HTTP"));
  options.address = "ward-kiosk";
  CHECK_THROWS_AS(http::server(options, handler.dispatcher(), log), std::invalid_argument);
}
