#include <catch2/catch.hpp>

#include <chrono>
#include <set>
#include <thread>

#include "running_scheme.hpp"
#include "smtp_sink.hpp"

using namespace std::chrono_literals;

namespace {

/// The server's mail flags for a relay on this machine that looks often and retries soon.
std::vector<std::string> mail_flags(unsigned short relay_port)
{
  return {"--smtp-host",    "127.0.0.1",  "--smtp-port",        std::to_string(relay_port),
          "--smtp-security", "none",      "--mail-from",        "bikes@example.nhs.uk",
          "--scheme-name",   "Essex Pedal Power", "--mail-poll", "1s",
          "--mail-first-retry", "1s",     "--working-hours",    "always"};
}

void add_technician(running_scheme& scheme, const std::string& name, const std::string& email)
{
  run_sql(scheme.database_path(),
          "INSERT INTO users(username, display_name, role, password_hash, created_at, email, site_id) VALUES ('" +
              name + "', '" + name + "', 'technician', 'x', 0, '" + email + "', " + std::to_string(scheme.site_id()) +
              ")");
}

/// Lends `bike` to `person` and takes it back with `fault` (null: none); returns the return's answer.
nlohmann::json lend_and_return(running_scheme& scheme, std::int64_t person, std::int64_t bike, const nlohmann::json& fault)
{
  auto& coordinator = scheme.coordinator();
  const auto loan = coordinator.expect(201, "POST", "/api/v1/loans", scheme.checkout_body(person, bike));
  nlohmann::json back{{"accessories_returned", {"helmet", "lock"}}};
  if (!fault.is_null()) back["fault"] = fault;
  return coordinator.expect(200, "POST", "/api/v1/loans/" + std::to_string(loan.at("id").get<std::int64_t>()) + "/return",
                            back);
}

void report_safety_fault(running_scheme& scheme, std::int64_t person, std::int64_t bike)
{
  lend_and_return(scheme, person, bike, {{"category", "brakes"}, {"note", "rear brake fails"}, {"safety", true}});
}

std::vector<nlohmann::json> outbox(running_scheme& scheme)
{
  return scheme.coordinator().expect(200, "GET", "/api/v1/outbox?page_size=200").at("data").get<std::vector<nlohmann::json>>();
}

/// Waits until every message in the outbox is sent or failed; returns the outbox.
std::vector<nlohmann::json> settled_outbox(running_scheme& scheme, std::size_t expected)
{
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  for (;;) {
    auto entries = outbox(scheme);
    const bool settled = entries.size() >= expected &&
                         std::none_of(entries.begin(), entries.end(), [](const auto& e) { return e.at("status") == "pending"; });
    if (settled || std::chrono::steady_clock::now() > deadline) return entries;
    std::this_thread::sleep_for(100ms);
  }
}

}  // namespace

TEST_CASE("each event sends one message to the right person, written as a mail client reads it", "[system][mail]")
{
  smtp_sink relay;
  running_scheme scheme(mail_flags(relay.port()));
  add_technician(scheme, "tech.bas", "tech@example.nhs.uk");
  const auto bikes = scheme.add_bikes(2);
  const auto people = scheme.add_staff(3);
  run_sql(scheme.database_path(), "UPDATE staff SET email = 'person' || id || '@example.nhs.uk'");

  report_safety_fault(scheme, people[0], bikes[0]);
  // The other bike goes out, someone waits for it, and its return offers it to them.
  auto& coordinator = scheme.coordinator();
  const auto loan = coordinator.expect(201, "POST", "/api/v1/loans", scheme.checkout_body(people[1], bikes[1]));
  coordinator.expect(201, "POST", "/api/v1/waitlist", {{"staff_id", people[2]}, {"site_id", scheme.site_id()}});
  coordinator.expect(200, "POST", "/api/v1/loans/" + std::to_string(loan.at("id").get<std::int64_t>()) + "/return",
                     {{"accessories_returned", {"helmet", "lock"}}});

  const auto received = relay.wait_for(2);
  REQUIRE(received.size() == 2);
  std::this_thread::sleep_for(1500ms);
  CHECK(relay.messages().size() == 2);

  const auto& fault = received[0].at("to") == "tech@example.nhs.uk" ? received[0] : received[1];
  const auto& offer = received[0].at("to") == "tech@example.nhs.uk" ? received[1] : received[0];
  CHECK(fault.at("subject") == "Essex Pedal Power: safety fault on EB-1000");
  CHECK(fault.at("from") == "Essex Pedal Power <bikes@example.nhs.uk>");
  CHECK(fault.at("text").get<std::string>().find("A safety fault (brakes) was reported on EB-1000") != std::string::npos);
  CHECK(fault.at("html").get<std::string>().find("rear brake fails") != std::string::npos);
  CHECK(offer.at("to") == "person" + std::to_string(people[2]) + "@example.nhs.uk");
  CHECK(offer.at("subject").get<std::string>().starts_with("Essex Pedal Power: a bike is held for you at "));
  CHECK(offer.at("text").get<std::string>().find("EB-1001 is held for you") != std::string::npos);

  const auto entries = settled_outbox(scheme, 2);
  REQUIRE(entries.size() == 2);
  std::set<std::string> sent_ids;
  for (const auto& entry : entries) {
    CHECK(entry.at("status") == "sent");
    sent_ids.insert(entry.at("message_id").get<std::string>());
  }
  CHECK(sent_ids == std::set<std::string>{fault.at("message_id").get<std::string>(), offer.at("message_id").get<std::string>()});
}

TEST_CASE("with the relay down messages wait, and go once it is back", "[system][mail]")
{
  std::optional<smtp_sink> relay(std::in_place);
  const auto port = relay->port();
  relay->stop();
  running_scheme scheme(mail_flags(port));
  add_technician(scheme, "tech.bas", "tech@example.nhs.uk");
  report_safety_fault(scheme, scheme.add_staff(1)[0], scheme.add_bikes(1)[0]);

  const auto deadline = std::chrono::steady_clock::now() + 30s;
  std::vector<nlohmann::json> entries;
  while (std::chrono::steady_clock::now() < deadline) {
    entries = outbox(scheme);
    if (!entries.empty() && entries[0].at("attempts").get<int>() >= 2) break;
    std::this_thread::sleep_for(100ms);
  }
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].at("status") == "pending");
  CHECK(entries[0].at("attempts").get<int>() >= 2);
  CHECK_FALSE(entries[0].at("last_error").get<std::string>().empty());

  relay.emplace(port);
  const auto received = relay->wait_for(1);
  REQUIRE(received.size() == 1);
  CHECK(received[0].at("message_id") == entries[0].at("message_id"));
  CHECK(settled_outbox(scheme, 1)[0].at("status") == "sent");
}

TEST_CASE("a refused recipient is recorded as failed and does not hold up the others", "[system][mail]")
{
  smtp_sink relay;
  running_scheme scheme(mail_flags(relay.port()));
  add_technician(scheme, "tech.gone", "refuse.me@example.nhs.uk");
  add_technician(scheme, "tech.bas", "tech@example.nhs.uk");
  report_safety_fault(scheme, scheme.add_staff(1)[0], scheme.add_bikes(1)[0]);

  const auto entries = settled_outbox(scheme, 2);
  REQUIRE(entries.size() == 2);
  for (const auto& entry : entries) {
    INFO(entry.dump());
    if (entry.at("recipient") == "refuse.me@example.nhs.uk") {
      CHECK(entry.at("status") == "failed");
      CHECK(entry.at("attempts") == 1);
      CHECK(entry.at("last_error").get<std::string>().find("550") != std::string::npos);
    } else {
      CHECK(entry.at("status") == "sent");
    }
  }
  const auto received = relay.messages();
  REQUIRE(received.size() == 1);
  CHECK(received[0].at("to") == "tech@example.nhs.uk");

  // A coordinator may send it again once the address is mended; it keeps its Message-ID.
  const auto refused = std::find_if(entries.begin(), entries.end(), [](const auto& e) { return e.at("status") == "failed"; });
  const auto again = scheme.coordinator().expect(200, "POST", "/api/v1/outbox/" + std::to_string(refused->at("id").get<std::int64_t>()) + "/resend");
  CHECK(again.at("status") == "pending");
  CHECK(again.at("message_id") == refused->at("message_id"));
}

TEST_CASE("a server killed during delivery loses no message, and sends again only under the same Message-ID",
          "[system][mail][durability]")
{
  constexpr int exceptions = 30;
  smtp_sink relay;
  running_scheme scheme(mail_flags(relay.port()));
  run_sql(scheme.database_path(),
          "UPDATE users SET email = 'coordinator@example.nhs.uk' WHERE username = 'coordinator'");
  const auto token = scheme.register_kiosk("kiosk-one");
  http_client kiosk("127.0.0.1", scheme.server().port());
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  for (int i = 0; i < exceptions; ++i) {
    const nlohmann::json report{{"idempotency_key", "offline-" + std::to_string(i)},
                                {"kind", "return"},
                                {"bike_tag", "EB-" + std::to_string(i)},
                                {"recorded_at", now - 60},
                                {"refusal", {{"error", {{"code", "no_active_loan"}, {"message", "not on loan"}}}}}};
    const auto filed = kiosk.request("POST", "/api/v1/kiosk/exceptions", report.dump(),
                                     {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
    REQUIRE(filed.status == 201);
  }
  relay.wait_for(3);
  scheme.server().kill_hard();
  scheme.server().restart();
  scheme.reconnect();

  const auto entries = settled_outbox(scheme, exceptions);
  REQUIRE(entries.size() == exceptions);
  std::set<std::string> kept;
  for (const auto& entry : entries) {
    CHECK(entry.at("status") == "sent");
    kept.insert(entry.at("message_id").get<std::string>());
  }
  const auto received = relay.wait_for(exceptions);
  std::set<std::string> delivered;
  for (const auto& message : received) delivered.insert(message.at("message_id").get<std::string>());
  CHECK(delivered == kept);
  CHECK(received.size() >= exceptions);
}

TEST_CASE("a service falling overdue reaches the site's technicians by email once, however often the job runs",
          "[system][mail]")
{
  smtp_sink relay;
  running_scheme scheme(mail_flags(relay.port()));
  add_technician(scheme, "tech.bas", "tech@example.nhs.uk");
  const auto bike = scheme.add_bikes(1)[0];
  scheme.coordinator().expect(200, "PATCH", "/api/v1/bikes/" + std::to_string(bike), {{"odometer_m", 1'040'000}});
  // The servicing job runs as the server starts, then every 15 minutes.
  for (int start = 0; start < 2; ++start) {
    REQUIRE(scheme.server().stop() == 0);
    scheme.server().restart();
    scheme.reconnect();
  }

  const auto received = relay.wait_for(1);
  REQUIRE(received.size() == 1);
  CHECK(received[0].at("to") == "tech@example.nhs.uk");
  CHECK(received[0].at("subject") == "Essex Pedal Power: safety check overdue on EB-1000");
  const auto text = received[0].at("text").get<std::string>();
  CHECK(text.find("The safety check of EB-1000") != std::string::npos);
  CHECK(text.find("40 km past due") != std::string::npos);
  std::this_thread::sleep_for(1500ms);
  CHECK(relay.messages().size() == 1);
  const auto told = scheme.coordinator().expect(200, "GET", "/api/v1/outbox?kind=service_overdue");
  CHECK(told.at("total") == 1);
  CHECK(told.at("data").at(0).at("status") == "sent");
}
