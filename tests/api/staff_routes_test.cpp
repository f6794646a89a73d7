#include <catch2/catch.hpp>

#include "fleet_api_fixture.hpp"

using namespace fleet_api;
using api::role;

namespace {

json person(const std::string& number, const std::string& name, const std::string& band)
{
  return {{"staff_number", number}, {"name", name}, {"pay_band", band}, {"email", "someone@mse.example.nhs.uk"}};
}

/// The field named by the 422 that refuses a new staff member whose `field` is `value`.
std::string field_refused_with(const api_app& app, const std::string& field, const json& value)
{
  auto body = person("E1", "Amelia Smith", "3");
  body[field] = value;
  const auto answer = app.call(role::coordinator, "POST", "/api/v1/staff", body.dump());
  CHECK(answer.status == 422);
  return error_field(answer);
}

const std::string staff_csv = "Staff Number,Forename,Surname,AfC Band\r\nE1,Amelia,Smith,Band 3\r\nE2,Kwame,Mensah,5\r\n";

}  // namespace

TEST_CASE("a coordinator adds a staff member, with the pay band in its canonical form")
{
  api_app app;
  const auto created = app.call(role::coordinator, "POST", "/api/v1/staff", person("e1", "Amelia Smith", "Band 8A").dump());
  REQUIRE(created.status == 201);
  const auto staff = body_of(created);
  CHECK(staff.at("staff_number") == "E1");
  CHECK(staff.at("pay_band") == "8a");
  CHECK(staff.at("active") == true);
  const auto found = app.call(role::coordinator, "GET", "/api/v1/staff/" + std::to_string(staff.at("id").get<int>()));
  REQUIRE(found.status == 200);
  CHECK(body_of(found).at("name") == "Amelia Smith");
}

TEST_CASE("every commute mode the choices offer is one a staff record takes, and no other is")
{
  api_app app;
  const auto modes = body_of(app.call(role::coordinator, "GET", "/api/v1/choices")).at("commute_modes");
  REQUIRE(modes.size() == 9);
  int number = 0;
  for (const auto& mode : modes) {
    INFO(mode.dump());
    CHECK_FALSE(mode.at("label").get<std::string>().empty());
    auto body = person("C" + std::to_string(++number), "Commuter", "3");
    body["commute_mode"] = mode.at("code");
    const auto created = app.call(role::coordinator, "POST", "/api/v1/staff", body.dump());
    REQUIRE(created.status == 201);
    CHECK(body_of(created).at("commute_mode") == mode.at("code"));
  }
  CHECK(field_refused_with(app, "commute_mode", "Petrol car") == "commute_mode");
}

TEST_CASE("individual staff records, with their pay bands, are for coordinators only")
{
  api_app app;
  const auto id = app.created("/api/v1/staff", person("E1", "Amelia Smith", "3"));
  for (const auto who : {role::technician, role::reporter}) {
    CHECK(app.call(who, "GET", "/api/v1/staff").status == 403);
    CHECK(app.call(who, "GET", "/api/v1/staff/" + std::to_string(id)).status == 403);
  }
  CHECK(app.call(role::reporter, "POST", "/api/v1/staff", person("E2", "B", "3").dump()).status == 403);
}

TEST_CASE("a reporter sees how many active staff each band has, and nothing about anyone")
{
  api_app app;
  app.created("/api/v1/staff", person("E1", "Amelia Smith", "3"));
  app.created("/api/v1/staff", person("E2", "Kwame Mensah", "3"));
  const auto answer = app.call(role::reporter, "GET", "/api/v1/staff/band-counts");
  REQUIRE(answer.status == 200);
  const auto bands = body_of(answer).at("bands");
  REQUIRE(bands.size() == 13);
  CHECK(bands.at(2) == json{{"pay_band", "3"}, {"active_staff", 2}});
  CHECK(answer.body.find("Amelia") == std::string::npos);
}

TEST_CASE("bad staff input is refused naming the field, and nothing is written")
{
  api_app app;
  CHECK(field_refused_with(app, "email", "amelia") == "email");
  CHECK(field_refused_with(app, "commute_distance_km", "far") == "commute_distance_km");
  CHECK(error_field(app.call(role::coordinator, "POST", "/api/v1/staff", R"({"name":"A","pay_band":"3"})")) ==
        "staff_number");
  CHECK(app.call(role::coordinator, "POST", "/api/v1/staff", "[1,2]").status == 400);
  CHECK(app.count("SELECT count(*) FROM staff") == 0);
}

TEST_CASE("a body nested many thousands deep is refused as malformed, not walked until the stack runs out")
{
  api_app app;
  const auto path = "/api/v1/staff/" + std::to_string(app.created("/api/v1/staff", person("E1", "Amelia Smith", "3")));
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  const auto refused = app.call(role::coordinator, "PATCH", path, R"({"department":"Theatres","note":)" + deep + "}");
  CHECK(status_and_code(refused) == "400 malformed_json");
  CHECK(app.count("SELECT count(*) FROM staff WHERE department = 'Theatres'") == 0);
  const auto shallow = app.call(role::coordinator, "PATCH", path, R"({"department":"Theatres","note":[[[["kept"]]]]})");
  CHECK(status_and_code(shallow) == "422 unknown_field");
  CHECK(app.call(role::coordinator, "PATCH", path, R"({"department":"Theatres"})").status == 200);
  CHECK(app.count("SELECT count(*) FROM staff WHERE department = 'Theatres'") == 1);
}

TEST_CASE("a staff edit changes the fields it names, and null clears an optional one")
{
  api_app app;
  const auto site = app.created("/api/v1/sites", {{"code", "BAS"}, {"name", "Basildon"}});
  auto draft = person("E1", "Amelia Smith", "3");
  draft["home_site_id"] = site;
  draft["commute_mode"] = "bus";
  const auto id = app.created("/api/v1/staff", draft);
  const auto path = "/api/v1/staff/" + std::to_string(id);

  const auto edited = app.call(role::coordinator, "PATCH", path, R"({"pay_band":"Band 4","home_site_id":null,"active":false})");
  REQUIRE(edited.status == 200);
  const auto staff = body_of(edited);
  CHECK(staff.at("pay_band") == "4");
  CHECK(staff.at("home_site_id").is_null());
  CHECK(staff.at("commute_mode") == "bus");
  CHECK(staff.at("active") == false);
  CHECK(app.call(role::coordinator, "PATCH", "/api/v1/staff/999", R"({"name":"x"})").status == 404);
  const auto future = app.call(role::coordinator, "PATCH", path, R"({"induction_date":"2999-01-01"})");
  CHECK(status_and_field(future) == "422 induction_date");
}

TEST_CASE("the staff list pages and filters through its query")
{
  api_app app;
  app.created("/api/v1/staff", person("E1", "Amelia Smith", "2"));
  app.created("/api/v1/staff", person("E2", "Kwame Mensah", "5"));
  app.created("/api/v1/staff", person("E3", "Priya Smithers", "2"));

  const auto page = app.call(role::coordinator, "GET", "/api/v1/staff?pay_band=Band%202&page=2&page_size=1");
  REQUIRE(page.status == 200);
  const auto body = body_of(page);
  CHECK(body.at("total") == 2);
  CHECK(body.at("page") == 2);
  CHECK(body.at("page_size") == 1);
  REQUIRE(body.at("data").size() == 1);
  CHECK(body.at("data").at(0).at("name") == "Priya Smithers");

  const auto searched = body_of(app.call(role::coordinator, "GET", "/api/v1/staff?q=smith&active=true"));
  CHECK(searched.at("total") == 2);
  const auto by_number = body_of(app.call(role::coordinator, "GET", "/api/v1/staff?sort=-staff_number"));
  CHECK(by_number.at("data").at(0).at("staff_number") == "E3");
  CHECK(body_of(app.call(role::coordinator, "GET", "/api/v1/staff?q=e2")).at("total") == 1);
  CHECK(error_field(app.call(role::coordinator, "GET", "/api/v1/staff?sort=salary")) == "sort");
  CHECK(app.call(role::coordinator, "GET", "/api/v1/staff?page=0").status == 422);
  CHECK(app.call(role::coordinator, "GET", "/api/v1/staff?active=yes").status == 422);
  CHECK(error_field(app.call(role::coordinator, "GET", "/api/v1/staff?pay_band=12")) == "pay_band");
}

TEST_CASE("an import preview reports what would change and changes nothing")
{
  api_app app;
  const auto answer = app.call(role::coordinator, "POST", "/api/v1/staff/import/preview", staff_csv, "text/csv; charset=utf-8");
  REQUIRE(answer.status == 200);
  const auto summary = body_of(answer).at("summary");
  CHECK(summary.at("new") == 2);
  CHECK(summary.at("errors") == 0);
  CHECK(app.count("SELECT count(*) FROM staff") == 0);
  const auto not_csv = app.call(role::coordinator, "POST", "/api/v1/staff/import/preview", staff_csv, "application/json");
  CHECK(not_csv.status == 415);
  CHECK(app.call(role::coordinator, "POST", "/api/v1/staff/import/preview?mode=everything", staff_csv, "text/csv").status ==
        422);
}

TEST_CASE("an import applied twice changes nothing the second time")
{
  api_app app;
  const auto first = app.call(role::coordinator, "POST", "/api/v1/staff/import/apply", staff_csv, "text/csv");
  REQUIRE(first.status == 200);
  CHECK(body_of(first).at("summary").at("new") == 2);
  const auto second = app.call(role::coordinator, "POST", "/api/v1/staff/import/apply", staff_csv, "text/csv");
  REQUIRE(second.status == 200);
  CHECK(body_of(second).at("summary").at("unchanged") == 2);
  CHECK(body_of(second).at("summary").at("new") == 0);
  CHECK(app.count("SELECT count(*) FROM staff") == 2);
}

TEST_CASE("the staff list exported as CSV and imported again changes no one even where a cell was neutralised")
{
  api_app app;
  const auto created = app.call(role::coordinator, "POST", "/api/v1/staff",
                                R"({"staff_number":"E9","name":"=Lee -Ward","pay_band":"3","department":"@Theatres"})");
  REQUIRE(created.status == 201);
  const auto exported = app.call(role::coordinator, "GET", "/api/v1/staff.csv");
  REQUIRE(exported.status == 200);
  CHECK(exported.body.find("'=Lee -Ward") != std::string::npos);
  const auto again = app.call(role::coordinator, "POST", "/api/v1/staff/import/apply", exported.body, "text/csv");
  INFO(again.body);
  REQUIRE(again.status == 200);
  CHECK(body_of(again).at("summary").at("unchanged") == 1);
  CHECK(app.count("SELECT count(*) FROM staff WHERE name = '=Lee -Ward' AND department = '@Theatres'") == 1);
}

TEST_CASE("a full-list import deactivates those it leaves out, a file with an error changes nothing")
{
  api_app app;
  REQUIRE(app.call(role::coordinator, "POST", "/api/v1/staff/import/apply", staff_csv, "text/csv").status == 200);

  const auto with_error = app.call(role::coordinator, "POST", "/api/v1/staff/import/apply?mode=full_list",
                                   "Staff Number,Name,Band\nE1,Amelia Smith,4\nE3,Priya Patel,13\n", "text/csv");
  CHECK(status_and_code(with_error) == "422 import_has_errors");
  CHECK(app.count("SELECT count(*) FROM staff WHERE active = 1") == 2);
  CHECK(app.count("SELECT count(*) FROM staff WHERE pay_band = '4'") == 0);

  const auto full = app.call(role::coordinator, "POST", "/api/v1/staff/import/apply?mode=full_list",
                             "Staff Number,Name,Band\nE1,Amelia Smith,3\n", "text/csv");
  REQUIRE(full.status == 200);
  CHECK(body_of(full).at("deactivated") == json{"E2"});
  CHECK(app.count("SELECT count(*) FROM staff WHERE active = 0 AND staff_number = 'E2'") == 1);
}

TEST_CASE("control characters in any text field are refused naming the field")
{
  api_app app;
  CHECK(field_refused_with(app, "name", std::string("Amelia\0Smith", 12)) == "name");
  CHECK(field_refused_with(app, "department", "Portering\x1b[2J") == "department");
  CHECK(field_refused_with(app, "name", "Amelia\xC2\x85Smith") == "name");
  CHECK(app.count("SELECT count(*) FROM staff") == 0);
  CHECK(app.call(role::coordinator, "POST", "/api/v1/staff", person("E1", "Zoë O'Brien", "3").dump()).status == 201);
}

TEST_CASE("ids past 2^63 in a body, a path or a query are refused naming the field, never wrapped")
{
  api_app app;
  const auto body_id = app.call(role::coordinator, "POST", "/api/v1/staff",
                                R"({"staff_number":"E1","name":"A B","pay_band":"3","home_site_id":9223372036854775808})");
  CHECK(status_and_field(body_id) == "422 home_site_id");
  CHECK(body_id.body.find("-9223372036854775808") == std::string::npos);
  const auto path_id = app.call(role::coordinator, "GET", "/api/v1/staff/18446744073709551615");
  CHECK(status_and_field(path_id) == "404 id");
  CHECK(path_id.body.find("-1") == std::string::npos);
  const auto query_id = app.call(role::coordinator, "GET", "/api/v1/staff?site_id=9223372036854775808");
  CHECK(status_and_field(query_id) == "422 site_id");
}

TEST_CASE("a staff list saved as Windows-1252 is refused in preview naming the line, and apply sends no internal text")
{
  api_app app;
  const std::string windows_1252 = "Staff Number,Name,Band\r\nE1,Amelia Smith,3\r\nE2,Zo\xEB Brown,5\r\n";
  const auto preview = app.call(role::coordinator, "POST", "/api/v1/staff/import/preview", windows_1252, "text/csv");
  REQUIRE(preview.status == 200);
  const auto report = body_of(preview);
  CHECK(report.at("summary").at("errors") == 1);
  CHECK(report.at("errors").at(0).at("line") == 3);
  CHECK(report.at("errors").at(0).at("field") == "name");
  CHECK(preview.body.find("\xEF\xBF\xBD") == std::string::npos);  // no U+FFFD standing in for the name
  const auto applied = app.call(role::coordinator, "POST", "/api/v1/staff/import/apply", windows_1252, "text/csv");
  CHECK(status_and_code(applied) == "422 import_has_errors");
  CHECK(applied.body.find("json.exception") == std::string::npos);
  CHECK(app.count("SELECT count(*) FROM staff") == 0);
}

TEST_CASE("a file of nothing but bad rows lists the first errors and counts the rest")
{
  api_app app;
  std::string csv = "Staff Number,Name,Band\n";
  for (int i = 0; i < 200'000; ++i) csv += ",x,3\n";
  const auto preview = app.call(role::coordinator, "POST", "/api/v1/staff/import/preview", csv, "text/csv");
  REQUIRE(preview.status == 200);
  const auto report = body_of(preview);
  CHECK(report.at("summary").at("errors") == 200'000);
  CHECK(report.at("errors").size() == 100);
  CHECK(report.at("errors_not_listed") == 199'900);
  CHECK(preview.body.size() < 20'000);
}
