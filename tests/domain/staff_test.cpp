#include <catch2/catch.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/domain/sites.hpp"
#include "pedalpower/domain/staff.hpp"
#include "pedalpower/core/text_fields.hpp"
#include "migrated_database.hpp"
#include "outcome_refusal.hpp"
#include "two_site_fleet.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

struct staff_list : database_with_two_sites {
  staff_member person(std::string number, std::string name, std::string band = "3") const
  {
    staff_member member;
    member.staff_number = std::move(number);
    member.name = std::move(name);
    member.email = "someone@mse.example.nhs.uk";
    member.pay_band = std::move(band);
    member.department = "Portering";
    member.home_site_id = basildon;
    member.induction_date = "2025-05-01";
    member.commute_mode = "car_petrol";
    member.commute_distance_km = 12.5;
    return member;
  }
};

}  // namespace

TEST_CASE("a staff member is created with a canonical pay band and can be found by id or number")
{
  staff_list store;
  auto draft = store.person(" e1001 ", " Amelia Smith ", "Band 8A");
  const auto created = create_staff(store.db, coordinator, now, draft);
  REQUIRE(created);
  CHECK(created->staff_number == "E1001");
  CHECK(created->name == "Amelia Smith");
  CHECK(created->pay_band == "8a");
  const auto found = find_staff(store.db, created->id);
  REQUIRE(found);
  CHECK(found->pay_band == "8a");
  CHECK(found->commute_distance_km == 12.5);
  CHECK(found->active);
  CHECK(find_staff_by_number(store.db, "e1001")->id == created->id);
  CHECK(store.count("SELECT count(*) FROM audit_log WHERE action = 'staff.create'") == 1);
}

TEST_CASE("staff fields that break the rules are refused naming the field, and nothing is written")
{
  staff_list store;
  const auto field_at_fault = [&](const auto& break_rule) {
    auto draft = store.person("E1", "A");
    break_rule(draft);
    return invalid_field(create_staff(store.db, coordinator, now, draft));
  };
  CHECK(field_at_fault([](staff_member& m) { m.staff_number = "E 1"; }) == "staff_number");
  CHECK(field_at_fault([](staff_member& m) { m.name = "  "; }) == "name");
  CHECK(field_at_fault([](staff_member& m) { m.pay_band = "Band 10"; }) == "pay_band");
  for (const std::string email : {"nobody", "a@b", "@mse.nhs.uk", "a b@mse.nhs.uk", "a@@mse.nhs.uk", "a@mse."}) {
    INFO(email);
    CHECK(field_at_fault([&email](staff_member& m) { m.email = email; }) == "email");
  }
  CHECK(field_at_fault([](staff_member& m) { m.commute_mode = "helicopter"; }) == "commute_mode");
  CHECK(field_at_fault([](staff_member& m) { m.commute_distance_km = -0.1; }) == "commute_distance_km");
  CHECK(field_at_fault([](staff_member& m) { m.induction_date = "2025-02-30"; }) == "induction_date");
  CHECK(field_at_fault([](staff_member& m) { m.induction_date = "2025-06-03"; }) == "induction_date");  // tomorrow
  CHECK(field_at_fault([](staff_member& m) { m.home_site_id = 999; }) == "home_site_id");
  CHECK(field_at_fault([](staff_member& m) { m.commute_car_occupancy = 0; }) == "commute_car_occupancy");
  CHECK(store.count("SELECT count(*) FROM staff") == 0);
}

TEST_CASE("every commute mode the estimator knows is accepted, written in any case")
{
  staff_list store;
  int number = 0;
  for (const std::string mode : {"car_petrol", "car_diesel", "car_hybrid", "car_electric", "bus", "rail", "walk",
                                 "cycle", "none", "BUS"}) {
    auto draft = store.person("E" + std::to_string(++number), "A");
    draft.commute_mode = mode;
    INFO(mode);
    CHECK(create_staff(store.db, coordinator, now, draft));
  }
}

TEST_CASE("an empty optional field is stored as unknown, and no email is allowed")
{
  staff_list store;
  auto draft = store.person("E1", "A");
  draft.email = "";
  draft.commute_mode = " ";
  draft.induction_date = "";
  draft.badge_id = "";
  const auto created = create_staff(store.db, coordinator, now, draft);
  REQUIRE(created);
  const auto found = find_staff(store.db, created->id);
  CHECK_FALSE(found->commute_mode);
  CHECK_FALSE(found->induction_date);
  CHECK_FALSE(found->badge_id);
}

TEST_CASE("a staff number or badge already in use is refused")
{
  staff_list store;
  auto first = store.person("E1", "A");
  first.badge_id = "04A1B2C3";
  REQUIRE(create_staff(store.db, coordinator, now, first));
  CHECK(refusal(create_staff(store.db, coordinator, now, store.person("e1", "B"))) == "staff_number_taken");
  auto same_badge = store.person("E2", "B");
  same_badge.badge_id = "04A1B2C3";
  const auto refused = create_staff(store.db, coordinator, now, same_badge);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "badge_taken");
  CHECK(store.count("SELECT count(*) FROM staff") == 1);
}

TEST_CASE("updating a staff member replaces every field, deactivation included, and audits the change")
{
  staff_list store;
  const auto created = create_staff(store.db, coordinator, now, store.person("E1", "Amelia Smith"));
  auto desired = created.value();
  desired.pay_band = "Band 5";
  desired.home_site_id = store.southend;
  desired.badge_id = "04A1B2C3";
  desired.active = false;
  REQUIRE(update_staff(store.db, coordinator, now, created->id, desired));
  const auto found = find_staff(store.db, created->id);
  CHECK(found->pay_band == "5");
  CHECK(found->home_site_id == store.southend);
  CHECK(found->badge_id == "04A1B2C3");
  CHECK_FALSE(found->active);
  CHECK(store.count("SELECT count(*) FROM audit_log WHERE action = 'staff.update' AND before LIKE '%\"pay_band\":\"3\"%' "
                    "AND after LIKE '%\"pay_band\":\"5\"%'") == 1);
}

TEST_CASE("an update's audit keeps only the fields it changed, each with its old and new value")
{
  staff_list store;
  const auto created = create_staff(store.db, coordinator, now, store.person("E1", "Amelia Smith"));
  auto desired = created.value();
  desired.pay_band = "5";
  REQUIRE(update_staff(store.db, coordinator, now, created->id, desired));
  CHECK(store.count("SELECT count(*) FROM audit_log WHERE action = 'staff.update' "
                    "AND before = '{\"pay_band\":\"3\"}' AND after = '{\"pay_band\":\"5\"}'") == 1);
}

TEST_CASE("an update that breaks a rule changes nothing")
{
  staff_list store;
  const auto created = create_staff(store.db, coordinator, now, store.person("E1", "Amelia Smith"));
  REQUIRE(create_staff(store.db, coordinator, now, store.person("E2", "Oliver Patel")));
  auto desired = created.value();
  desired.staff_number = "E2";
  desired.name = "Changed";
  CHECK(refusal(update_staff(store.db, coordinator, now, created->id, desired)) == "staff_number_taken");
  CHECK(find_staff(store.db, created->id)->name == "Amelia Smith");
  CHECK(update_staff(store.db, coordinator, now, 999, desired).error().code == "staff_not_found");
}

TEST_CASE("the staff list filters by band, site, activity, induction and search, one page at a time")
{
  staff_list store;
  REQUIRE(create_staff(store.db, coordinator, now, store.person("E1", "Amelia Smith", "2")));
  REQUIRE(create_staff(store.db, coordinator, now, store.person("E2", "Oliver Patel", "5")));
  auto at_southend = store.person("E3", "Priya Okafor", "2");
  at_southend.home_site_id = store.southend;
  REQUIRE(create_staff(store.db, coordinator, now, at_southend));
  auto leaver = store.person("X4", "Kwame Smithson", "2");
  leaver.active = false;
  leaver.induction_date.reset();
  REQUIRE(create_staff(store.db, coordinator, now, leaver));

  const auto names = [&](const staff_filter& filter) {
    std::vector<std::string> found;
    const auto page = list_staff(store.db, filter, {});
    for (const auto& member : page->items) found.push_back(member.name);
    return found;
  };
  staff_filter filter;
  CHECK(names(filter) == std::vector<std::string>{"Amelia Smith", "Kwame Smithson", "Oliver Patel", "Priya Okafor"});
  filter.pay_band = "Band 2";
  CHECK(names(filter) == std::vector<std::string>{"Amelia Smith", "Kwame Smithson", "Priya Okafor"});
  filter.home_site_id = store.basildon;
  CHECK(names(filter) == std::vector<std::string>{"Amelia Smith", "Kwame Smithson"});
  filter.active = true;
  CHECK(names(filter) == std::vector<std::string>{"Amelia Smith"});

  staff_filter search;
  search.search = "smith";
  CHECK(names(search) == std::vector<std::string>{"Amelia Smith", "Kwame Smithson"});
  search.search = "x4";
  CHECK(names(search) == std::vector<std::string>{"Kwame Smithson"});
  search.search = "%";
  CHECK(names(search).empty());

  filter = {};
  filter.inducted = false;
  CHECK(names(filter) == std::vector<std::string>{"Kwame Smithson"});
  filter.inducted = true;
  CHECK(names(filter) == std::vector<std::string>{"Amelia Smith", "Oliver Patel", "Priya Okafor"});
  page_request paged;
  paged.page = 2;
  paged.page_size = 3;
  const auto page = list_staff(store.db, {}, paged);
  REQUIRE(page);
  CHECK(page->total == 4);
  REQUIRE(page->items.size() == 1);
  CHECK(page->items[0].name == "Priya Okafor");
  paged.page = 1;
  paged.sort = "-staff_number";
  CHECK(list_staff(store.db, {}, paged)->items[0].staff_number == "X4");
}

TEST_CASE("a staff list request with a bad band or page is refused")
{
  staff_list store;
  staff_filter filter;
  filter.pay_band = "Band 12";
  CHECK(list_staff(store.db, filter, {}).error().field == "pay_band");
  page_request wanted;
  wanted.page = 0;
  CHECK(list_staff(store.db, {}, wanted).error().field == "page");
  wanted = {};
  wanted.page_size = max_page_size + 1;
  CHECK(list_staff(store.db, {}, wanted).error().field == "page_size");
  wanted = {};
  wanted.sort = "-salary";
  CHECK(list_staff(store.db, {}, wanted).error().field == "sort");
}

TEST_CASE("active staff are counted per band, every band listed, leavers left out")
{
  staff_list store;
  REQUIRE(create_staff(store.db, coordinator, now, store.person("E1", "A", "2")));
  REQUIRE(create_staff(store.db, coordinator, now, store.person("E2", "B", "2")));
  REQUIRE(create_staff(store.db, coordinator, now, store.person("E3", "C", "not on AfC")));
  auto leaver = store.person("E4", "D", "2");
  leaver.active = false;
  leaver.induction_date.reset();
  REQUIRE(create_staff(store.db, coordinator, now, leaver));
  const auto counts = count_active_staff_by_band(store.db);
  REQUIRE(counts.size() == 13);
  CHECK(counts[0] == std::pair<std::string, std::int64_t>{"1", 0});
  CHECK(counts[1] == std::pair<std::string, std::int64_t>{"2", 2});
  CHECK(counts[12] == std::pair<std::string, std::int64_t>{"other", 1});
}

TEST_CASE("storable text is valid UTF-8 without control characters, tab and line breaks are allowed")
{
  CHECK_FALSE(text_fault("Zoë O'Brien — Ward 7\tnotes\r\nmore"));
  CHECK(text_fault(std::string("a\0b", 3)) == "holds a control character");
  CHECK(text_fault("bell\x07") == "holds a control character");
  CHECK(text_fault("del\x7f") == "holds a control character");
  CHECK(text_fault("next line \xC2\x85") == "holds a control character");
  CHECK(text_fault("Zo\xEB") == "is not valid UTF-8");
  CHECK(text_fault("\xC0\xAF") == "is not valid UTF-8");          // overlong '/'
  CHECK(text_fault("\xED\xA0\x80") == "is not valid UTF-8");      // a surrogate
  CHECK(text_fault("\xF4\x90\x80\x80") == "is not valid UTF-8");  // past U+10FFFF
  CHECK(text_fault("\xE2\x82") == "is not valid UTF-8");          // cut short
}
