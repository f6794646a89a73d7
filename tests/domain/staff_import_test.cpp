#include <catch2/catch.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/domain/sites.hpp"
#include "pedalpower/domain/staff.hpp"
#include "pedalpower/domain/staff_import.hpp"
#include "migrated_database.hpp"
#include "two_site_fleet.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

const std::string hr_export =
    "Employee Number,Forename,Surname,AfC Band,Dept,Base Site,Induction Date,Travel Mode,Commute Distance (km),Work Email\n"
    "20310001,Amelia,Smith,Band 3,Portering,BAS,2025-03-14,Car Petrol,12.5,amelia.smith@mse.example.nhs.uk\n"
    "20310002,Kwame,Mensah,Band 5,Maternity,Southend University Hospital,01/04/2025,bus,8,kwame.mensah@mse.example.nhs.uk\n";

struct import_fixture : database_with_two_sites {
  std::int64_t staff_count() { return count("SELECT count(*) FROM staff"); }
  std::int64_t audit_count() { return count("SELECT count(*) FROM audit_log"); }

  void add(const std::string& number, const std::string& name, const std::string& band, bool active = true)
  {
    staff_member member;
    member.staff_number = number;
    member.name = name;
    member.pay_band = band;
    member.commute_mode = "walk";
    member.active = active;
    REQUIRE(create_staff(db, coordinator, now, member));
  }
};

std::vector<std::string> fields_in_error(const staff_import_report& report)
{
  std::vector<std::string> found;
  for (const auto& error : report.errors) found.push_back(std::to_string(error.line) + ":" + error.field);
  return found;
}

}  // namespace

TEST_CASE("a preview of an HR export reads its column names and changes nothing")
{
  import_fixture store;
  const auto report = preview_staff_import(store.db, now, hr_export, import_mode::update_only);
  CHECK(report.errors.empty());
  CHECK(report.rows == 2);
  REQUIRE(report.created.size() == 2);
  CHECK(report.created[0].staff_number == "20310001");
  CHECK(report.created[0].name == "Amelia Smith");
  CHECK(report.created[1].line == 3);
  CHECK(store.staff_count() == 0);
}

TEST_CASE("applying an HR export creates each staff member with every column read")
{
  import_fixture store;
  const auto applied = apply_staff_import(store.db, coordinator, now, hr_export, import_mode::update_only);
  REQUIRE(applied);
  CHECK(applied->created.size() == 2);
  const auto amelia = find_staff_by_number(store.db, "20310001");
  REQUIRE(amelia);
  CHECK(amelia->pay_band == "3");
  CHECK(amelia->department == "Portering");
  CHECK(amelia->home_site_id == store.basildon);
  CHECK(amelia->induction_date == "2025-03-14");
  CHECK(amelia->commute_mode == "car_petrol");
  CHECK(amelia->commute_distance_km == 12.5);
  CHECK(amelia->email == "amelia.smith@mse.example.nhs.uk");
  const auto kwame = find_staff_by_number(store.db, "20310002");
  CHECK(kwame->home_site_id == store.southend);
  CHECK(kwame->induction_date == "2025-04-01");
  CHECK(store.count("SELECT count(*) FROM audit_log WHERE action = 'staff.create'") == 2);
  CHECK(store.count("SELECT count(*) FROM audit_log WHERE action = 'staff.import'") == 1);
}

TEST_CASE("applying the same file twice changes nothing the second time")
{
  import_fixture store;
  REQUIRE(apply_staff_import(store.db, coordinator, now, hr_export, import_mode::full_list));
  const auto audits = store.audit_count();
  const auto again = apply_staff_import(store.db, coordinator, now + 60, hr_export, import_mode::full_list);
  REQUIRE(again);
  CHECK(again->created.empty());
  CHECK(again->updated.empty());
  CHECK(again->deactivated.empty());
  CHECK(again->unchanged == 2);
  CHECK(store.audit_count() == audits);
  CHECK(store.count("SELECT count(*) FROM staff WHERE updated_at = " + std::to_string(now + 60)) == 0);
}

TEST_CASE("quoted fields keep their commas, line breaks and doubled quotes")
{
  import_fixture store;
  const std::string csv =
      "Staff Number,Name,Band,Department\n"
      "E1,\"Smith, Amelia \"\"Amy\"\"\",2,\"Ward 12\nAcute Medicine\"\n"
      "E2,Kwame Mensah,Band 99,Maternity\n";
  const auto report = preview_staff_import(store.db, now, csv, import_mode::update_only);
  REQUIRE(report.created.size() == 1);
  CHECK(report.created[0].name == "Smith, Amelia \"Amy\"");
  // The first record spans lines 2 and 3, so the second starts on line 4.
  CHECK(fields_in_error(report) == std::vector<std::string>{"4:pay_band"});

  const std::string good = "Staff Number,Name,Band,Department\nE1,\"Smith, Amelia\",2,\"Ward 12\r\nAcute Medicine\"\n";
  REQUIRE(apply_staff_import(store.db, coordinator, now, good, import_mode::update_only));
  CHECK(find_staff_by_number(store.db, "E1")->department == "Ward 12\nAcute Medicine");
}

TEST_CASE("a byte order mark and CRLF line ends are accepted")
{
  import_fixture store;
  const std::string csv = "\xEF\xBB\xBFStaff Number,Name,Band\r\nE1,Amelia Smith,5\r\nE2,Kwame Mensah,6\r\n\r\n";
  const auto applied = apply_staff_import(store.db, coordinator, now, csv, import_mode::update_only);
  REQUIRE(applied);
  CHECK(applied->rows == 2);
  CHECK(find_staff_by_number(store.db, "E2")->name == "Kwame Mensah");
}

TEST_CASE("every bad line is reported with its line and field")
{
  import_fixture store;
  const std::string csv =
      "Staff Number,Name,Band,Email,Site,Induction Date,Commute Mode,Commute km\n"
      "E1,Good Person,3,,,,,\n"
      "E2,Bad Band,11,,,,,\n"
      "E3,Bad Email,3,not-an-email,,,,\n"
      "E4,Bad Site,3,,Colchester,,,\n"
      "E5,Bad Date,3,,,31/02/2025,,\n"
      "E1,Second E1,3,,,,,\n"
      ",No Number,3,,,,,\n"
      "E8,Bad Distance,3,,,,,twelve\n"
      "E9,Bad Mode,3,,,,jetpack,\n"
      "E10,Future Induction,3,,,2030-01-01,,\n";
  const auto report = preview_staff_import(store.db, now, csv, import_mode::update_only);
  CHECK(fields_in_error(report) == std::vector<std::string>{"3:pay_band", "4:email", "5:home_site_id",
                                                            "6:induction_date", "7:staff_number", "8:staff_number",
                                                            "9:commute_distance_km", "10:commute_mode",
                                                            "11:induction_date"});
  CHECK(report.created.size() == 1);
  CHECK(store.staff_count() == 0);
}

TEST_CASE("a file with any bad line is refused whole and changes nothing")
{
  import_fixture store;
  store.add("E1", "Amelia Smith", "3");
  const auto staff_before = store.staff_count();
  const auto audits_before = store.audit_count();
  const std::string csv = "Staff Number,Name,Band\nE1,Amelia Smith,4\nE2,Kwame Mensah,5\nE3,Priya Patel,band eleven\n";
  const auto applied = apply_staff_import(store.db, coordinator, now, csv, import_mode::full_list);
  REQUIRE_FALSE(applied);
  CHECK(applied.error().kind == problem_kind::invalid);
  CHECK(applied.error().code == "import_has_errors");
  CHECK(applied.error().field == "pay_band");
  CHECK(store.staff_count() == staff_before);
  CHECK(store.audit_count() == audits_before);
  CHECK(find_staff_by_number(store.db, "E1")->pay_band == "3");
}

TEST_CASE("a changed row updates only what changed, and an empty cell leaves a field as it is")
{
  import_fixture store;
  store.add("E1", "Amelia Smith", "3");
  const std::string csv = "Staff Number,Name,Band,Travel Mode\nE1,Amelia Smith,Band 4,\n";
  const auto applied = apply_staff_import(store.db, coordinator, now, csv, import_mode::update_only);
  REQUIRE(applied);
  REQUIRE(applied->updated.size() == 1);
  CHECK(applied->updated[0].changed_fields == std::vector<std::string>{"pay_band"});
  const auto amelia = find_staff_by_number(store.db, "E1");
  CHECK(amelia->pay_band == "4");
  CHECK(amelia->commute_mode == "walk");
}

TEST_CASE("a staff file exported from the admin reads back: commute modes in words and commute_distance_km")
{
  import_fixture store;
  const std::string exported =
      "\xEF\xBB\xBFid,staff_number,name,email,pay_band,department,home_site_id,induction_date,commute_mode,"
      "commute_car_occupancy,commute_distance_km,active\r\n"
      "1,E7,Ann Lee,,3,,,2025-01-02,\"Car, diesel\",1,12.5,Yes\r\n"
      "2,E8,Bo Ray,,4,,,2025-01-02,Would not have travelled,1,,Yes\r\n";
  const auto applied = apply_staff_import(store.db, coordinator, now, exported, import_mode::update_only);
  REQUIRE(applied);
  CHECK(applied->created.size() == 2);
  CHECK(find_staff_by_number(store.db, "E7")->commute_mode == "car_diesel");
  CHECK(find_staff_by_number(store.db, "E7")->commute_distance_km == 12.5);
  CHECK(find_staff_by_number(store.db, "E8")->commute_mode == "none");
}

TEST_CASE("a full list deactivates active staff it leaves out, and never deletes them")
{
  import_fixture store;
  store.add("E1", "Amelia Smith", "3");
  store.add("E2", "Kwame Mensah", "5");
  store.add("E3", "Priya Patel", "6", false);
  const std::string csv = "Staff Number,Name,Band\nE1,Amelia Smith,3\n";

  const auto partial = apply_staff_import(store.db, coordinator, now, csv, import_mode::update_only);
  REQUIRE(partial);
  CHECK(partial->deactivated.empty());
  CHECK(find_staff_by_number(store.db, "E2")->active);

  const auto preview = preview_staff_import(store.db, now, csv, import_mode::full_list);
  CHECK(preview.deactivated == std::vector<std::string>{"E2"});
  CHECK(find_staff_by_number(store.db, "E2")->active);

  const auto full = apply_staff_import(store.db, coordinator, now, csv, import_mode::full_list);
  REQUIRE(full);
  CHECK(full->deactivated == std::vector<std::string>{"E2"});
  CHECK_FALSE(find_staff_by_number(store.db, "E2")->active);
  CHECK(find_staff_by_number(store.db, "E1")->active);
  CHECK(store.staff_count() == 3);
}

TEST_CASE("a listed staff member who had been deactivated is active again")
{
  import_fixture store;
  store.add("E3", "Priya Patel", "6", false);
  const auto applied =
      apply_staff_import(store.db, coordinator, now, "Staff Number,Name,Band\nE3,Priya Patel,6\n", import_mode::update_only);
  REQUIRE(applied);
  REQUIRE(applied->updated.size() == 1);
  CHECK(applied->updated[0].changed_fields == std::vector<std::string>{"active"});
  CHECK(find_staff_by_number(store.db, "E3")->active);
}

TEST_CASE("a header without the required columns is reported on line 1")
{
  import_fixture store;
  const auto report = preview_staff_import(store.db, now, "Full Name,Email\nAmelia Smith,a@b.uk\n", import_mode::update_only);
  CHECK(fields_in_error(report) == std::vector<std::string>{"1:staff_number", "1:pay_band"});
  const auto halves = preview_staff_import(store.db, now, "Staff No,Forename,Grade\nE1,Amelia,3\n", import_mode::update_only);
  CHECK(fields_in_error(halves) == std::vector<std::string>{"1:name"});
  const auto twice = preview_staff_import(store.db, now, "Staff No,Employee Number,Name,Band\n", import_mode::update_only);
  CHECK(fields_in_error(twice) == std::vector<std::string>{"1:staff_number"});
}

TEST_CASE("a quote that never closes is reported where it opened")
{
  import_fixture store;
  const auto report =
      preview_staff_import(store.db, now, "Staff Number,Name,Band\nE1,Amelia,3\nE2,\"Kwame,5\nE3,Priya,6\n", import_mode::update_only);
  CHECK(fields_in_error(report) == std::vector<std::string>{"3:"});
}

TEST_CASE("an empty file, or a full list naming nobody, is refused")
{
  import_fixture store;
  store.add("E1", "Amelia Smith", "3");
  CHECK(fields_in_error(preview_staff_import(store.db, now, "", import_mode::update_only)) ==
        std::vector<std::string>{"1:"});
  const auto nobody = apply_staff_import(store.db, coordinator, now, "Staff Number,Name,Band\n", import_mode::full_list);
  REQUIRE_FALSE(nobody);
  CHECK(find_staff_by_number(store.db, "E1")->active);
}

TEST_CASE("text that is not UTF-8 or holds control characters is an error on its line, naming the column")
{
  import_fixture store;
  const std::string csv = "Staff Number,Name,Band,Dept\n"
                          "E1,Amelia Smith,3,Portering\n"
                          "E2,Zo\xEB Brown,5,Maternity\n"
                          "E3,Priya Patel,4,Path\x01ology\n";
  const auto report = preview_staff_import(store.db, now, csv, import_mode::update_only);
  CHECK(fields_in_error(report) == std::vector<std::string>{"3:name", "4:department"});
  CHECK(report.errors[0].message.find("UTF-8") != std::string::npos);
  CHECK(report.errors[1].message.find("control character") != std::string::npos);
  const auto applied = apply_staff_import(store.db, coordinator, now, csv, import_mode::update_only);
  REQUIRE_FALSE(applied);
  CHECK(applied.error().message.find("line 3") != std::string::npos);
  CHECK(store.staff_count() == 0);
}

TEST_CASE("past the first hundred errors a preview only counts them")
{
  import_fixture store;
  std::string csv = "Staff Number,Name,Band\n";
  for (int i = 0; i < 250; ++i) csv += "E" + std::to_string(i) + ",Someone,13\n";
  const auto report = preview_staff_import(store.db, now, csv, import_mode::update_only);
  CHECK(report.errors.size() == max_listed_import_errors);
  CHECK(report.unlisted_errors == 150);
  CHECK(report.errors.back().line == 101);
  const auto applied = apply_staff_import(store.db, coordinator, now, csv, import_mode::update_only);
  REQUIRE_FALSE(applied);
  CHECK(applied.error().message.find("249 more") != std::string::npos);
}
