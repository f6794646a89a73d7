#include <catch2/catch.hpp>

#include "running_scheme.hpp"

TEST_CASE("a checkout sent again with its Idempotency-Key answers the first response, even after a restart",
          "[system][idempotency]")
{
  running_scheme scheme;
  auto& coordinator = scheme.coordinator();
  const auto bikes = scheme.add_bikes(2);
  const auto rider = scheme.add_staff(1).front();
  const header_list key{{"Idempotency-Key", "checkout-7f3a"}};
  const auto body = scheme.checkout_body(rider, bikes[0]);

  const auto first = coordinator.send("POST", "/api/v1/loans", body, key);
  REQUIRE(first.status == 201);
  CHECK_FALSE(first.header("idempotent-replayed"));

  const auto again = coordinator.send("POST", "/api/v1/loans", body, key);
  CHECK(again.status == 201);
  CHECK(again.body == first.body);
  CHECK(again.header("idempotent-replayed") == "true");

  scheme.server().stop();
  scheme.server().restart();
  scheme.reconnect();
  const auto after_restart = scheme.coordinator().send("POST", "/api/v1/loans", body, key);
  CHECK(after_restart.status == 201);
  CHECK(after_restart.body == first.body);
  CHECK(count_rows(scheme.database_path(), "SELECT count(*) FROM loans") == 1);
}

TEST_CASE("the same Idempotency-Key with another body is refused and changes nothing", "[system][idempotency]")
{
  running_scheme scheme;
  auto& coordinator = scheme.coordinator();
  const auto bikes = scheme.add_bikes(2);
  const auto rider = scheme.add_staff(1).front();
  const header_list key{{"Idempotency-Key", "checkout-91c0"}};
  REQUIRE(coordinator.send("POST", "/api/v1/loans", scheme.checkout_body(rider, bikes[0]), key).status == 201);
  const auto before = snapshot_of_loan_tables(scheme.database_path());

  const auto reused = coordinator.send("POST", "/api/v1/loans", scheme.checkout_body(rider, bikes[1]), key);
  CHECK(reused.status == 409);
  CHECK(nlohmann::json::parse(reused.body).at("error").at("code") == "idempotency_key_reused");
  CHECK(before == snapshot_of_loan_tables(scheme.database_path()));
}

TEST_CASE("a new Idempotency-Key is a new request: the same checkout again is refused", "[system][idempotency]")
{
  running_scheme scheme;
  auto& coordinator = scheme.coordinator();
  const auto bike = scheme.add_bikes(1).front();
  const auto rider = scheme.add_staff(1).front();
  const auto body = scheme.checkout_body(rider, bike);
  REQUIRE(coordinator.send("POST", "/api/v1/loans", body, {{"Idempotency-Key", "one"}}).status == 201);
  const auto second = coordinator.send("POST", "/api/v1/loans", body, {{"Idempotency-Key", "two"}});
  CHECK(second.status == 409);
  CHECK(count_rows(scheme.database_path(), "SELECT count(*) FROM loans") == 1);
}
