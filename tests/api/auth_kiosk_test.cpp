#include <catch2/catch.hpp>

#include "auth_fixture.hpp"

using namespace auth_fixture;

namespace {

struct kiosk_setup {
  access_app server;
  std::int64_t site = server.add_site("BAS");
  domain::issued_device kiosk = server.add_device("kiosk-bas", "kiosk", site);
  std::int64_t staff_id = server.add_staff("S100", "2468");

  api::response identify(const nlohmann::json& body) const
  {
    return server.call(with_bearer(make_request("POST", "/api/v1/kiosk/identify", body.dump()), kiosk.token));
  }

  api::response try_pin(const std::string& pin) const { return identify({{"staff_number", "S100"}, {"pin", pin}}); }

  api::response identify_at(const std::string& kiosk_token, const nlohmann::json& body) const
  {
    return server.call(with_bearer(make_request("POST", "/api/v1/kiosk/identify", body.dump()), kiosk_token));
  }

  /// A later kiosk request as the router hands it to a loan route.
  api::request acting(const std::string& staff_token, std::int64_t kiosk_id) const
  {
    auto req = make_request("POST", "/api/v1/kiosk/loans");
    req.caller = api::principal{api::role::kiosk, kiosk_id, "kiosk", site, false, {}};
    req.headers.emplace_back("x-staff-token", staff_token);
    return req;
  }

  std::int64_t pin_failures() const
  {
    return server.count("SELECT COALESCE(SUM(failures), 0) FROM pin_lockouts JOIN staff ON staff.id = staff_id "
                        "WHERE staff_number = 'S100'");
  }
};

}  // namespace

TEST_CASE("a staff number and the right PIN identify the staff member at the kiosk, without their pay band")
{
  kiosk_setup at;
  const auto answer = at.try_pin("2468");
  REQUIRE(answer.status == 200);
  const auto body = nlohmann::json::parse(answer.body);
  CHECK(body["staff"]["id"] == at.staff_id);
  CHECK(body["staff"]["name"] == "Sam Jones");
  CHECK_FALSE(body["staff"].contains("pay_band"));
  CHECK_FALSE(body["staff"].contains("email"));
  CHECK(body["expires_in_seconds"] == 300);

  const auto token = body["staff_token"].get<std::string>();
  const auto person = at.server.gate().kiosk_staff(at.acting(token, at.kiosk.registered.id));
  REQUIRE(person);
  CHECK(person->staff_id == at.staff_id);
  CHECK(person->checked == "pin");
  CHECK(at.server.gate().require_kiosk_staff(at.acting(token, at.kiosk.registered.id)).staff_id == at.staff_id);
}

TEST_CASE("a PIN identification gives the kiosk a proof that names the person there only, for offline actions")
{
  kiosk_setup at;
  const auto other = at.server.add_device("kiosk-2", "kiosk", at.site);
  const auto body = nlohmann::json::parse(at.try_pin("2468").body);
  const auto proof = body.at("offline_proof").get<std::string>();
  CHECK(body.at("offline_proof_valid_until").get<std::string>().size() == 20);

  auto replayed = at.acting("", at.kiosk.registered.id);
  replayed.headers = {{"x-staff-proof", proof}};
  const auto person = at.server.gate().kiosk_staff(replayed);
  REQUIRE(person);
  CHECK(person->staff_id == at.staff_id);
  CHECK(person->checked == "pin-offline");
  CHECK_FALSE(at.server.gate().kiosk_staff(at.acting("", other.registered.id)));
  auto elsewhere = at.acting("", other.registered.id);
  elsewhere.headers = {{"x-staff-proof", proof}};
  CHECK_FALSE(at.server.gate().kiosk_staff(elsewhere));
  CHECK(at.server.count("SELECT count(*) FROM kiosk_identifications WHERE proof_digest = '" + proof + "'") == 0);
}

TEST_CASE("a kiosk's own token names nobody: without an identification there is no staff member")
{
  kiosk_setup at;
  CHECK_FALSE(at.server.gate().kiosk_staff(at.acting("", at.kiosk.registered.id)));
  CHECK_THROWS_AS(at.server.gate().require_kiosk_staff(at.acting("", at.kiosk.registered.id)), api::error);
}

TEST_CASE("a staff token works only at the kiosk it was issued to")
{
  kiosk_setup at;
  const auto other = at.server.add_device("kiosk-2", "kiosk", at.site);
  const auto token = nlohmann::json::parse(at.try_pin("2468").body)["staff_token"].get<std::string>();
  CHECK_FALSE(at.server.gate().kiosk_staff(at.acting(token, other.registered.id)));
  CHECK_FALSE(at.server.gate().kiosk_staff(at.acting("made-up", at.kiosk.registered.id)));
  CHECK_THROWS_AS(at.server.gate().require_kiosk_staff(at.acting("made-up", at.kiosk.registered.id)), api::error);
}

TEST_CASE("signing the staff member out at the kiosk ends their token")
{
  kiosk_setup at;
  const auto token = nlohmann::json::parse(at.try_pin("2468").body)["staff_token"].get<std::string>();
  auto sign_out = with_bearer(make_request("DELETE", "/api/v1/kiosk/identify"), at.kiosk.token);
  sign_out.headers.emplace_back("x-staff-token", token);
  const auto answer = at.server.call(sign_out);
  REQUIRE(answer.status == 204);
  CHECK_FALSE(at.server.gate().kiosk_staff(at.acting(token, at.kiosk.registered.id)));
}

TEST_CASE("a wrong PIN is 401 and is counted, though the answer is an error")
{
  kiosk_setup at;
  const auto answer = at.try_pin("1111");
  CHECK(status_and_code(answer) == "401 identification_failed");
  CHECK(error_of(answer)["field"] == "pin");
  at.try_pin("1112");
  CHECK(at.pin_failures() == 2);
  CHECK(at.server.count("SELECT count(*) FROM audit_log WHERE action = 'pin_failed'") == 2);
}

TEST_CASE("the fifth wrong PIN locks it at that kiosk only, and the lock answers as a wrong PIN does")
{
  kiosk_setup at;
  const auto other = at.server.add_device("kiosk-2", "kiosk", at.site);
  const auto wrong = at.try_pin("1111");
  for (int i = 0; i < 4; ++i) REQUIRE(at.try_pin("1111").status == 401);
  CHECK(at.server.count("SELECT count(*) FROM audit_log WHERE action = 'pin_locked'") == 1);

  const auto right_but_locked = at.try_pin("2468");
  CHECK(right_but_locked.status == 401);
  CHECK(right_but_locked.body == wrong.body);
  CHECK(at.identify_at(other.token, {{"staff_number", "S100"}, {"pin", "2468"}}).status == 200);
}

TEST_CASE("an unknown number, a number without a PIN, an inactive member and a locked PIN all answer as a wrong PIN")
{
  kiosk_setup at;
  at.server.add_staff("S200", std::nullopt);
  const auto inactive = at.server.add_staff("S300", "2468");
  at.server.on_writer([&](db::connection& db) { return db.run("UPDATE staff SET active = 0 WHERE id = ?1", inactive); });
  const auto wrong = at.try_pin("1111");
  REQUIRE(wrong.status == 401);
  for (const auto* number : {"S999", "S200", "S300"}) {
    INFO(number);
    const auto answer = at.identify({{"staff_number", number}, {"pin", "2468"}});
    CHECK(answer.status == wrong.status);
    CHECK(answer.body == wrong.body);
    CHECK((answer.headers == wrong.headers));
  }
}

TEST_CASE("failed identifications are limited per kiosk, so kiosks behind one address do not block each other")
{
  kiosk_setup at;
  const auto neighbour = at.server.add_device("kiosk-2", "kiosk", at.site);
  int refused_here = 0;
  for (int i = 0; i < 60 && refused_here == 0; ++i) {
    refused_here = at.identify({{"badge_id", "NFC-" + std::to_string(i)}}).status == 429;
  }
  REQUIRE(refused_here == 1);
  CHECK(at.identify({{"badge_id", "NFC-X"}}).status == 429);
  CHECK(at.identify_at(neighbour.token, {{"badge_id", "NFC-X"}}).status == 401);
}

TEST_CASE("one kiosk guessing at a staff number does not throttle that person at another kiosk")
{
  kiosk_setup at;
  const auto neighbour = at.server.add_device("kiosk-2", "kiosk", at.site);
  at.server.add_staff("S200", std::nullopt);
  int status = 0;
  for (int i = 0; i < 20 && status != 429; ++i) status = at.identify({{"staff_number", "S200"}, {"pin", "1111"}}).status;
  REQUIRE(status == 429);
  CHECK(at.identify_at(neighbour.token, {{"staff_number", "S200"}, {"pin", "1111"}}).status == 401);
}

TEST_CASE("a badge identifies its holder at the kiosk, an unknown badge is 401")
{
  kiosk_setup at;
  const auto coordinator = at.server.signed_in_as("coordinator");
  const auto set = at.server.call(coordinator.sign(make_request(
      "PUT", "/api/v1/staff/" + std::to_string(at.staff_id) + "/badge", R"({"badge_id":"NFC-0042"})")));
  REQUIRE(set.status == 200);
  const auto found = at.identify({{"badge_id", "NFC-0042"}});
  REQUIRE(found.status == 200);
  CHECK(nlohmann::json::parse(found.body)["staff"]["id"] == at.staff_id);
  CHECK(at.identify({{"badge_id", "NFC-9999"}}).status == 401);
}

TEST_CASE("a badge already given to someone else is 409 badge_taken")
{
  kiosk_setup at;
  const auto coordinator = at.server.signed_in_as("coordinator");
  const auto other = at.server.add_staff("S200", std::nullopt);
  const auto give = [&](std::int64_t id) {
    return at.server.call(coordinator.sign(
        make_request("PUT", "/api/v1/staff/" + std::to_string(id) + "/badge", R"({"badge_id":"NFC-0042"})")));
  };
  REQUIRE(give(at.staff_id).status == 200);
  const auto clash = give(other);
  CHECK(status_and_code(clash) == "409 badge_taken");
}

TEST_CASE("an identification must be either staff number and PIN or a badge")
{
  kiosk_setup at;
  CHECK(at.identify({{"badge_id", "NFC-1"}, {"staff_number", "S100"}}).status == 422);
  CHECK(at.identify(nlohmann::json::object()).status == 422);
  CHECK(error_of(at.identify({{"staff_number", "S100"}}))["field"] == "pin");
  CHECK(at.pin_failures() == 0);
}

TEST_CASE("a PIN set by a coordinator works at the kiosk and is stored and audited only as a hash")
{
  kiosk_setup at;
  const auto coordinator = at.server.signed_in_as("coordinator");
  const auto path = "/api/v1/staff/" + std::to_string(at.staff_id) + "/pin";
  CHECK(at.server.call(coordinator.sign(make_request("PUT", path, R"({"pin":"12"})"))).status == 422);
  const auto set = at.server.call(coordinator.sign(make_request("PUT", path, R"({"pin":"97531"})")));
  REQUIRE(set.status == 204);
  CHECK(at.server.count("SELECT count(*) FROM staff WHERE pin_hash LIKE 'scrypt$131072$8$1$%'") == 1);
  CHECK(at.server.count("SELECT count(*) FROM audit_log WHERE after LIKE '%97531%' OR before LIKE '%97531%'") == 0);
  CHECK(at.try_pin("97531").status == 200);
}
