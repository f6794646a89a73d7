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

  /// A later kiosk request as the router hands it to a loan route.
  api::request acting(const std::string& staff_token, std::int64_t kiosk_id) const
  {
    auto req = make_request("POST", "/api/v1/kiosk/loans");
    req.caller = api::principal{api::role::kiosk, kiosk_id, "kiosk", site, false, {}};
    req.headers.emplace_back("x-staff-token", staff_token);
    return req;
  }

  std::int64_t pin_failures() const { return server.count("SELECT pin_failures FROM staff WHERE staff_number = 'S100'"); }
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
  CHECK(at.server.gate().kiosk_staff(at.acting(token, at.kiosk.registered.id)) == at.staff_id);
  CHECK(at.server.gate().require_kiosk_staff(at.acting(token, at.kiosk.registered.id)) == at.staff_id);
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
  CHECK(answer.status == 401);
  CHECK(error_of(answer)["code"] == "identification_failed");
  CHECK(error_of(answer)["field"] == "pin");
  at.try_pin("1112");
  CHECK(at.pin_failures() == 2);
  CHECK(at.server.count("SELECT count(*) FROM audit_log WHERE action = 'pin_failed'") == 2);
}

TEST_CASE("the fifth wrong PIN locks it and the answer says for how long")
{
  kiosk_setup at;
  for (int i = 0; i < 4; ++i) REQUIRE(at.try_pin("1111").status == 401);
  const auto locked = at.try_pin("1111");
  CHECK(locked.status == 409);
  const auto error = error_of(locked);
  CHECK(error["code"] == "pin_locked");
  CHECK(error["field"] == "pin");
  CHECK(error["retry_after_seconds"].get<int>() > 14 * 60);
  CHECK(error["retry_after_seconds"].get<int>() <= 15 * 60);
  CHECK(error["locked_until"].get<std::string>().size() == 20);
  CHECK(std::stoi(header_of(locked, "Retry-After").value()) > 14 * 60);

  const auto right_but_locked = at.try_pin("2468");
  CHECK(right_but_locked.status == 409);
  CHECK(error_of(right_but_locked)["code"] == "pin_locked");
}

TEST_CASE("an unknown staff number is answered exactly as a wrong PIN")
{
  kiosk_setup at;
  const auto wrong = at.try_pin("1111");
  const auto unknown = at.identify({{"staff_number", "S999"}, {"pin", "1111"}});
  CHECK(unknown.status == wrong.status);
  CHECK(unknown.body == wrong.body);
}

TEST_CASE("a badge identifies its holder at the kiosk; an unknown badge is 401")
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
  CHECK(clash.status == 409);
  CHECK(error_of(clash)["code"] == "badge_taken");
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
