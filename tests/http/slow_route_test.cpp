#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include <nlohmann/json.hpp>

#include "http_client.hpp"
#include "in_process_server.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/workers/worker_pool.hpp"

using namespace pedalpower;
using namespace std::chrono_literals;

namespace {

// How long a test waits for something that must happen before it gives up. Never an assertion
// about speed: only a guard so a broken build fails instead of hanging.
constexpr auto give_up_after = 30s;

/// A route that holds its request until the test lets it go, and a fast one, on a server with one
/// network thread and a slow lane that runs one request at a time and lets none wait.
struct held_slow_route {
  std::promise<void> started;
  std::atomic<bool> started_once{false};
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  workers::worker_pool lane{{.name = "test slow lane", .threads = 1, .max_waiting = 0}};
  // Built before the server starts, so no request can meet a router still being filled.
  api::router routes = held_routes();

  api::router held_routes()
  {
    api::router built;
    built.add("GET", "/report", {}, [this](const api::request&, api::responder respond) {
      if (!started_once.exchange(true)) started.set_value();
      released.wait();
      respond(api::json_response({{"report", "done"}}));
    });
    built.add("GET", "/bikes", {}, [](const api::request&, api::responder respond) {
      respond(api::json_response({{"bikes", nlohmann::json::array()}}));
    });
    built.mark_slow("GET", "/report");
    built.set_slow_lane([this](std::function<void()> job) { return lane.try_submit(std::move(job)); });
    return built;
  }

  /// A client whose GET /report the route now holds.
  http_client held_report()
  {
    http_client client = connect();
    client.send_raw("GET /report HTTP/1.1\r\nHost: t\r\n\r\n");
    REQUIRE(started.get_future().wait_for(give_up_after) == std::future_status::ready);
    return client;
  }

  http_client connect() const { return {"127.0.0.1", server.port()}; }

  // Last, so it stops before the routes it serves go.
  in_process_server server{
      [this](api::request req, api::responder respond) { routes.dispatch(std::move(req), std::move(respond)); },
      test_server_options([](auto& options) { options.io_threads = 1; })};
};

}  // namespace

TEST_CASE("a fast request is answered while a slow route holds its request on the same network thread")
{
  held_slow_route fixture;
  auto slow = fixture.held_report();

  auto kiosk = fixture.connect();
  for (int i = 0; i < 3; ++i) CHECK(kiosk.request("GET", "/bikes").status == 200);
  // The report is still held here: every fast answer came before it.
  CHECK(fixture.released.wait_for(0s) == std::future_status::timeout);

  fixture.release.set_value();
  const auto report = slow.read_response();
  CHECK(report.status == 200);
  CHECK(nlohmann::json::parse(report.body)["report"] == "done");
}

TEST_CASE("a slow route past the slow lane's limit is answered 503 with Retry-After, and runs again once it frees")
{
  held_slow_route fixture;
  auto first = fixture.held_report();

  auto second = fixture.connect();
  const auto refused = second.request("GET", "/report");
  CHECK(refused.status == 503);
  CHECK(refused.header("Retry-After") == "2");
  CHECK(refused.error_code() == "busy");
  CHECK(second.connected());

  fixture.release.set_value();
  CHECK(first.read_response().status == 200);
  // The held request is answered before its lane thread is free again, so the refusal may repeat
  // for a moment; it never outlasts the guard.
  auto again = second.request("GET", "/report");
  for (auto deadline = std::chrono::steady_clock::now() + give_up_after;
       again.status == 503 && std::chrono::steady_clock::now() < deadline;) {
    std::this_thread::sleep_for(10ms);
    again = second.request("GET", "/report");
  }
  CHECK(again.status == 200);
}
