#include <catch2/catch.hpp>

#include <latch>
#include <thread>
#include <vector>

#include "answer_body.hpp"
#include "pedalpower/db/connection.hpp"
#include "running_scheme.hpp"

namespace {

/// A kiosk talking to the real server with its device token, and whatever staff credential it adds.
struct kiosk_client {
  http_client http;
  std::string token;

  kiosk_client(running_scheme& scheme, std::string device_token)
      : http("127.0.0.1", scheme.server().port()), token(std::move(device_token))
  {
  }

  http_response send(std::string_view method, std::string_view target, const nlohmann::json& body = nullptr,
                     header_list extra = {})
  {
    extra.emplace_back("Authorization", "Bearer " + token);
    if (!body.is_null()) extra.emplace_back("Content-Type", "application/json");
    return http.request(method, target, body.is_null() ? std::string() : body.dump(), extra);
  }
};

std::vector<std::int64_t> with_pin(running_scheme& scheme, std::vector<std::int64_t> people, const std::string& pin)
{
  scheme.set_pins(people, pin);
  return people;
}

/// A running scheme with one bike, two people (S10000 and S10001) whose PIN is 4826, and the
/// kiosk "kiosk-bas".
struct pin_scheme {
  running_scheme scheme;
  std::vector<std::int64_t> bikes = scheme.add_bikes(1);
  std::vector<std::int64_t> people = with_pin(scheme, scheme.add_staff(2), "4826");
  std::string kiosk_token = scheme.register_kiosk("kiosk-bas");
  kiosk_client kiosk{scheme, kiosk_token};
};

std::string checkout_actor(running_scheme& scheme)
{
  pedalpower::db::connection db(pedalpower::db::connection_options{.path = scheme.database_path(), .read_only = true});
  auto& row = db.query("SELECT actor FROM audit_log WHERE action = 'loan.check_out' ORDER BY id DESC LIMIT 1");
  const auto actor = row.step() ? row.get_text(0) : std::string();
  row.reset();
  return actor;
}

}  // namespace

TEST_CASE("a kiosk's token alone acts for nobody: a loan, an offer or a place in the queue needs the person",
          "[system][kiosk]")
{
  running_scheme scheme;
  const auto bike = scheme.add_bikes(1).front();
  const auto person = scheme.add_staff(1).front();
  kiosk_client kiosk(scheme, scheme.register_kiosk("kiosk-bas"));

  const auto loan = kiosk.send("POST", "/api/v1/loans", scheme.checkout_body(person, bike));
  CHECK(status_and_code(loan) == "401 staff_not_identified");
  CHECK(kiosk.send("GET", "/api/v1/kiosk/offer?staff_id=" + std::to_string(person)).status == 401);
  CHECK(kiosk.send("POST", "/api/v1/waitlist", {{"staff_id", person}}).status == 401);
  CHECK(count_rows(scheme.database_path(), "SELECT count(*) FROM loans") == 0);
  CHECK(count_rows(scheme.database_path(), "SELECT count(*) FROM waitlist_entries") == 0);
}

TEST_CASE("a checkout at a kiosk acts for the person who typed their PIN, and the audit says the PIN was checked",
          "[system][kiosk]")
{
  pin_scheme at;
  auto& [scheme, bikes, people, kiosk_token, kiosk] = at;
  const auto staff_token = scheme.identify_at_kiosk(kiosk_token, "S10000", "4826").at("staff_token").get<std::string>();
  const header_list as_person{{"X-Staff-Token", staff_token}};

  const auto for_someone_else = kiosk.send("POST", "/api/v1/loans", scheme.checkout_body(people[1], bikes[0]), as_person);
  CHECK(status_and_code(for_someone_else) == "403 staff_mismatch");

  auto body = scheme.checkout_body(people[0], bikes[0]);
  body.erase("staff_id");
  const auto lent = kiosk.send("POST", "/api/v1/loans", body, as_person);
  REQUIRE(lent.status == 201);
  CHECK(nlohmann::json::parse(lent.body).at("staff_id") == people[0]);
  CHECK(checkout_actor(scheme).ends_with(":kiosk-bas/staff:S10000/pin"));
}

TEST_CASE("an offline checkout is replayed with the proof of the identification the kiosk checked, at that kiosk only",
          "[system][kiosk]")
{
  pin_scheme at;
  auto& [scheme, bikes, people, kiosk_token, kiosk] = at;
  kiosk_client other_kiosk(scheme, scheme.register_kiosk("kiosk-bas-2"));
  const auto proof = scheme.identify_at_kiosk(kiosk_token, "S10000", "4826").at("offline_proof").get<std::string>();
  const header_list with_proof{{"X-Staff-Proof", proof}, {"Idempotency-Key", "offline-checkout-1"}};

  CHECK(other_kiosk.send("POST", "/api/v1/loans", scheme.checkout_body(people[0], bikes[0]), with_proof).status == 401);
  CHECK(kiosk.send("POST", "/api/v1/loans", scheme.checkout_body(people[1], bikes[0]), with_proof).status == 403);
  CHECK(count_rows(scheme.database_path(), "SELECT count(*) FROM loans") == 0);

  const auto replayed = kiosk.send("POST", "/api/v1/loans", scheme.checkout_body(people[0], bikes[0]), with_proof);
  REQUIRE(replayed.status == 201);
  CHECK(checkout_actor(scheme).ends_with(":kiosk-bas/staff:S10000/pin-offline"));
}

TEST_CASE("a bike brought back to another site's kiosk is returned there and stays at that site", "[system][kiosk]")
{
  running_scheme scheme;
  const auto bike = scheme.add_bikes(1).front();
  const auto person = scheme.add_staff(1).front();
  const auto other_site = scheme.add_site("SOU");
  kiosk_client kiosk(scheme, scheme.register_kiosk("kiosk-sou", other_site));
  const auto loan = scheme.coordinator().expect(201, "POST", "/api/v1/loans", scheme.checkout_body(person, bike));

  const auto found = kiosk.send("GET", "/api/v1/kiosk/bikes/EB-1000/active-loan");
  REQUIRE(found.status == 200);
  const auto loan_id = nlohmann::json::parse(found.body).at("id").get<std::int64_t>();
  CHECK(loan_id == loan.at("id").get<std::int64_t>());
  CHECK_FALSE(nlohmann::json::parse(found.body).contains("staff_id"));

  const auto returned = kiosk.send("POST", "/api/v1/loans/" + std::to_string(loan_id) + "/return",
                                   {{"accessories_returned", {"helmet", "lock"}}});
  REQUIRE(returned.status == 200);
  const auto moved = scheme.coordinator().expect(200, "GET", "/api/v1/bikes/" + std::to_string(bike));
  CHECK(moved.at("site_id") == other_site);
  CHECK(moved.at("status") == "available");
}

TEST_CASE("wrong PINs sent together for one person are compared one after another, never more than the throttle allows",
          "[system][kiosk]")
{
  pin_scheme at;
  constexpr int tries = 16;
  std::vector<http_response> answers(tries);
  std::latch ready(tries);
  std::vector<std::thread> threads;
  for (int i = 0; i < tries; ++i) {
    threads.emplace_back([&, i] {
      kiosk_client kiosk(at.scheme, at.kiosk_token);
      ready.arrive_and_wait();
      answers[static_cast<std::size_t>(i)] =
          kiosk.send("POST", "/api/v1/kiosk/identify", {{"staff_number", "S10000"}, {"pin", std::to_string(1000 + i)}});
    });
  }
  for (auto& thread : threads) thread.join();

  int compared = 0;
  int waited = 0;
  for (const auto& answer : answers) {
    INFO(answer.status << " " << answer.body);
    if (answer.status == 401) {
      CHECK(answer.error_code() == "identification_failed");
      ++compared;
    } else {
      CHECK(answer.status == 429);
      CHECK(answer.header("Retry-After"));
      ++waited;
    }
  }
  CHECK(compared + waited == tries);
  CHECK(compared <= 10);  // the kiosk throttle's limit for one person; without the pending try all 16 were compared
  CHECK(count_rows(at.scheme.database_path(),
                   "SELECT count(*) FROM audit_log WHERE action IN ('pin_failed', 'pin_locked')") <= 5);
}
