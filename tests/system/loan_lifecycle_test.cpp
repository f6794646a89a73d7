#include <catch2/catch.hpp>

#include "answer_body.hpp"
#include "running_scheme.hpp"

namespace {

std::string loan_path(std::int64_t loan_id) { return "/api/v1/loans/" + std::to_string(loan_id); }

}  // namespace

TEST_CASE("a loan goes from checkout through renewal to a return with a fault, over HTTP", "[system][loans]")
{
  running_scheme scheme;
  auto& coordinator = scheme.coordinator();
  const auto bike = scheme.add_bikes(1).front();
  const auto rider = scheme.add_staff(1, "3").front();

  auto body = scheme.checkout_body(rider, bike);
  body["start_odometer_m"] = 120500;
  const auto lent = coordinator.expect(201, "POST", "/api/v1/loans", body);
  const auto loan_id = lent.at("id").get<std::int64_t>();
  CHECK(lent.at("status") == "active");
  CHECK(lent.at("staff_id") == rider);
  CHECK(lent.at("accessories").size() == 2);
  CHECK(coordinator.expect(200, "GET", "/api/v1/bikes/" + std::to_string(bike)).at("status") == "on_loan");
  CHECK(coordinator.expect(200, "GET", loan_path(loan_id)).at("due_at") == lent.at("due_at"));
  const auto listed = coordinator.expect(200, "GET", "/api/v1/loans?status=active").at("data").at(0);
  CHECK(listed.at("staff_name") == coordinator.expect(200, "GET", "/api/v1/staff/" + std::to_string(rider)).at("name"));
  CHECK(listed.at("policy_version_id") == lent.at("policy_version_id"));

  const auto too_early = coordinator.expect(409, "POST", loan_path(loan_id) + "/renew");
  CHECK(too_early.at("error").at("code") == "renewal_too_early");
  run_sql(scheme.database_path(),
          "UPDATE loans SET due_at = unixepoch() + 3 * 86400 WHERE id = " + std::to_string(loan_id));
  const auto due_soon = coordinator.expect(200, "GET", loan_path(loan_id)).at("due_at").get<std::string>();
  const auto renewed = coordinator.expect(200, "POST", loan_path(loan_id) + "/renew");
  CHECK(renewed.at("due_at").get<std::string>() > due_soon);
  CHECK(renewed.at("renewals") == 1);

  const nlohmann::json returned_with_fault{
      {"end_odometer_m", 163500},
      {"condition", {{"tyres_ok", true}, {"lights_work", true}}},
      {"accessories_returned", {"helmet"}},
      {"fault", {{"category", "brakes"}, {"note", "rear brake rubs"}, {"safety", true}}}};
  const auto receipt = coordinator.expect(200, "POST", loan_path(loan_id) + "/return", returned_with_fault);
  CHECK(receipt.at("status") == "returned");
  CHECK(receipt.at("distance_km").get<double>() == Approx(43.0));
  CHECK(receipt.at("bike_status") == "maintenance");
  CHECK(receipt.at("faults").at(0).at("category") == "brakes");

  const auto stored = coordinator.expect(200, "GET", "/api/v1/bikes/" + std::to_string(bike));
  CHECK(stored.at("status") == "maintenance");
  CHECK(stored.at("odometer_m") == 163500);
  CHECK(count_rows(scheme.database_path(),
                   "SELECT count(*) FROM loan_accessories WHERE loan_id = " + std::to_string(loan_id) +
                       " AND returned = 0") == 1);
  CHECK(count_rows(scheme.database_path(),
                   "SELECT count(*) FROM audit_log WHERE actor LIKE 'user:%' AND entity_id = '" +
                       std::to_string(loan_id) + "'") >= 3);
}

TEST_CASE("every refused or malformed loan request answers a JSON error and changes nothing", "[system][loans]")
{
  running_scheme scheme;
  auto& coordinator = scheme.coordinator();
  const auto bikes = scheme.add_bikes(2);
  const auto people = scheme.add_staff(2, "5");
  const auto uninducted = coordinator
                              .expect(201, "POST", "/api/v1/staff",
                                      {{"staff_number", "NEW1"}, {"name", "New Starter"}, {"pay_band", "2"},
                                       {"home_site_id", scheme.site_id()}})
                              .at("id")
                              .get<std::int64_t>();
  const auto first_loan =
      coordinator.expect(201, "POST", "/api/v1/loans", scheme.checkout_body(people[0], bikes[0])).at("id").get<std::int64_t>();
  const auto before = snapshot_of_loan_tables(scheme.database_path());

  struct bad_request {
    std::string name;
    std::string method;
    std::string target;
    std::string body;
    unsigned status;
    std::string code;
  };
  const auto json = [](const nlohmann::json& value) { return value.dump(); };
  auto wrong_terms = scheme.checkout_body(people[1], bikes[1]);
  wrong_terms["terms_version"] = "1999-01";
  auto no_bike = scheme.checkout_body(people[1], bikes[1]);
  no_bike.erase("bike_id");
  auto bad_accessory = scheme.checkout_body(people[1], bikes[1]);
  bad_accessory["accessories"] = {"jetpack"};
  auto odometer_back = scheme.checkout_body(people[1], bikes[1]);
  odometer_back["start_odometer_m"] = 5;
  const std::vector<bad_request> cases{
      {"malformed JSON", "POST", "/api/v1/loans", "{\"staff_id\": ", 400, "malformed_json"},
      {"missing bike", "POST", "/api/v1/loans", json(no_bike), 422, ""},
      {"bike id of the wrong type", "POST", "/api/v1/loans", json({{"staff_id", people[1]}, {"bike_id", "one"}, {"terms_version", "x"}}), 422, ""},
      {"unknown accessory", "POST", "/api/v1/loans", json(bad_accessory), 422, ""},
      {"odometer below the bike's", "POST", "/api/v1/loans", json(odometer_back), 422, ""},
      {"terms that are not current", "POST", "/api/v1/loans", json(wrong_terms), 409, "terms_not_current"},
      {"unknown bike", "POST", "/api/v1/loans", json(scheme.checkout_body(people[1], 999999)), 404, ""},
      {"unknown staff member", "POST", "/api/v1/loans", json(scheme.checkout_body(999999, bikes[1])), 404, ""},
      {"bike already lent", "POST", "/api/v1/loans", json(scheme.checkout_body(people[1], bikes[0])), 409, "bike_unavailable"},
      {"second bike for one person", "POST", "/api/v1/loans", json(scheme.checkout_body(people[0], bikes[1])), 409, "loan_limit_reached"},
      {"no induction", "POST", "/api/v1/loans", json(scheme.checkout_body(uninducted, bikes[1])), 409, "induction_required"},
      {"return of an unknown loan", "POST", "/api/v1/loans/999999/return", "{}", 404, ""},
      {"return reading below checkout", "POST", loan_path(first_loan) + "/return", json({{"end_odometer_m", 1}}), 422, ""},
      {"condition that is not a checklist", "POST", loan_path(first_loan) + "/return", json({{"condition", "fine"}}), 422, ""},
      {"accessory never lent", "POST", loan_path(first_loan) + "/return", json({{"accessories_returned", {"charger"}}}), 422, ""},
      {"wrong method", "DELETE", "/api/v1/loans", "", 405, ""},
      {"unknown path", "GET", "/api/v1/lones", "", 404, ""},
  };
  for (const auto& bad : cases) {
    INFO(bad.name);
    const auto answer = coordinator.send_text(bad.method, bad.target, bad.body);
    CHECK(answer.status == bad.status);
    CHECK(answer.header("content-type").value_or("").starts_with("application/json"));
    const auto error = error_of(answer);
    CHECK(error.at("message").get<std::string>().size() > 0);
    CHECK(error.contains("field"));
    if (!bad.code.empty()) CHECK(error.at("code") == bad.code);
  }
  CHECK(before == snapshot_of_loan_tables(scheme.database_path()));
}
