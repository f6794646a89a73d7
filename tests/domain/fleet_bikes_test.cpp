#include <catch2/catch.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/sites.hpp"
#include "migrated_database.hpp"
#include "outcome_refusal.hpp"
#include "two_site_fleet.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

struct fleet : database_with_two_sites {
  bike_details details(std::string tag, std::string frame) const
  {
    return {std::move(tag), std::move(frame), "Raleigh", "Motus Grand Tour", "BAT7000211", basildon, 120'000};
  }
};

}  // namespace

TEST_CASE("a new bike is available, tidied, audited and can be found by id or tag")
{
  fleet store;
  const auto created = create_bike(store.db, coordinator, now, store.details(" eb-0042 ", "rm-2410 0137x"));
  REQUIRE_FALSE(created);  // a space inside a frame number is not allowed
  const auto bike = create_bike(store.db, coordinator, now, store.details(" eb-0042 ", "rm24100137"));
  REQUIRE(bike);
  CHECK(bike->asset_tag == "EB-0042");
  CHECK(bike->frame_number == "RM24100137");
  CHECK(bike->status == bike_status::available);
  CHECK(find_bike(store.db, bike->id)->odometer_m == 120'000);
  CHECK(find_bike_by_tag(store.db, "eb-0042")->id == bike->id);
  CHECK(store.count("SELECT count(*) FROM audit_log WHERE action = 'bike.create'") == 1);
}

TEST_CASE("asset tags must look like EB-0042")
{
  fleet store;
  for (const std::string tag : {"EB-0042", "EBK-123", "AB-123456", "PPFLT-999"}) {
    INFO(tag);
    CHECK(create_bike(store.db, coordinator, now, store.details(tag, "F" + tag.substr(tag.size() - 3) + "00")));
  }
  for (const std::string tag : {"", "EB0042", "E-0042", "EB-42", "EB-1234567", "EB-00A2", "E1-0042", "EBIKES-0042"}) {
    INFO(tag);
    CHECK(refused_field(create_bike(store.db, coordinator, now, store.details(tag, "FRAME0001"))) == "asset_tag");
  }
}

TEST_CASE("bike fields that break the rules are refused and nothing is written")
{
  fleet store;
  const auto field_at_fault = [&](const auto& break_rule) {
    auto details = store.details("EB-0001", "FRAME0001");
    break_rule(details);
    return invalid_field(create_bike(store.db, coordinator, now, std::move(details)));
  };
  CHECK(field_at_fault([](bike_details& b) { b.make = " "; }) == "make");
  CHECK(field_at_fault([](bike_details& b) { b.model = std::string(61, 'm'); }) == "model");
  CHECK(field_at_fault([](bike_details& b) { b.frame_number = "FRA"; }) == "frame_number");
  CHECK(field_at_fault([](bike_details& b) { b.odometer_m = -1; }) == "odometer_m");
  CHECK(field_at_fault([](bike_details& b) { b.battery_serial = "BAT 1"; }) == "battery_serial");
  CHECK(field_at_fault([](bike_details& b) { b.site_id = 99; }) == "site_id");
  CHECK(store.count("SELECT count(*) FROM bikes") == 0);
  CHECK(store.count("SELECT count(*) FROM audit_log") == 2);  // the two sites
}

TEST_CASE("a bike with another bike's tag or frame number is refused")
{
  fleet store;
  REQUIRE(create_bike(store.db, coordinator, now, store.details("EB-0001", "FRAME0001")));
  CHECK(refusal(create_bike(store.db, coordinator, now, store.details("eb-0001", "FRAME0002"))) == "asset_tag_taken");
  CHECK(refusal(create_bike(store.db, coordinator, now, store.details("EB-0002", "frame0001"))) ==
        "frame_number_taken");
  CHECK(store.count("SELECT count(*) FROM bikes") == 1);
}

TEST_CASE("updating a bike replaces its details but keeps its status")
{
  fleet store;
  const auto bike = create_bike(store.db, coordinator, now, store.details("EB-0001", "FRAME0001"));
  REQUIRE(change_bike_status(store.db, coordinator, now, bike->id, bike_status::maintenance, "service"));
  auto details = store.details("EB-0001", "FRAME0001");
  details.model = "Motus Tour";
  details.battery_serial.reset();
  details.site_id = store.southend;
  details.odometer_m = 130'000;
  const auto updated = update_bike(store.db, coordinator, now + 60, bike->id, details);
  REQUIRE(updated);
  const auto found = find_bike(store.db, bike->id);
  CHECK(found->model == "Motus Tour");
  CHECK_FALSE(found->battery_serial);
  CHECK(found->site_id == store.southend);
  CHECK(found->status == bike_status::maintenance);
  CHECK(found->updated_at == now + 60);
  CHECK(store.count("SELECT count(*) FROM audit_log WHERE action = 'bike.update'") == 1);
}

TEST_CASE("a bike's odometer never goes back")
{
  fleet store;
  const auto bike = create_bike(store.db, coordinator, now, store.details("EB-0001", "FRAME0001"));
  SECTION("through an update")
  {
    auto details = store.details("EB-0001", "FRAME0001");
    details.odometer_m = 119'999;
    CHECK(refusal(update_bike(store.db, coordinator, now, bike->id, details)) == "odometer_would_decrease");
  }
  SECTION("through a reading")
  {
    CHECK(refusal(record_bike_odometer(store.db, coordinator, now, bike->id, 100'000)) == "odometer_would_decrease");
  }
  CHECK(find_bike(store.db, bike->id)->odometer_m == 120'000);
}

TEST_CASE("an odometer reading moves the odometer forward and is audited, the same reading changes nothing")
{
  fleet store;
  const auto bike = create_bike(store.db, coordinator, now, store.details("EB-0001", "FRAME0001"));
  REQUIRE(record_bike_odometer(store.db, coordinator, now, bike->id, 125'500));
  REQUIRE(record_bike_odometer(store.db, coordinator, now, bike->id, 125'500));
  CHECK(find_bike(store.db, bike->id)->odometer_m == 125'500);
  CHECK(store.count("SELECT count(*) FROM audit_log WHERE action = 'bike.odometer'") == 1);
  CHECK(record_bike_odometer(store.db, coordinator, now, bike->id + 1, 1).error().code == "bike_not_found");
}

TEST_CASE("a bike on loan cannot move to another site")
{
  fleet store;
  const auto bike = create_bike(store.db, coordinator, now, store.details("EB-0001", "FRAME0001"));
  REQUIRE(change_bike_status(store.db, coordinator, now, bike->id, bike_status::on_loan, ""));
  auto details = store.details("EB-0001", "FRAME0001");
  details.site_id = store.southend;
  CHECK(refusal(update_bike(store.db, coordinator, now, bike->id, details)) == "bike_in_use");
  CHECK(find_bike(store.db, bike->id)->site_id == store.basildon);
}

TEST_CASE("bikes are listed by tag and filtered by site and status")
{
  fleet store;
  const auto first = create_bike(store.db, coordinator, now, store.details("EB-0002", "FRAME0002"));
  auto at_southend = store.details("EB-0001", "FRAME0001");
  at_southend.site_id = store.southend;
  REQUIRE(create_bike(store.db, coordinator, now, at_southend));
  REQUIRE(create_bike(store.db, coordinator, now, store.details("EB-0003", "FRAME0003")));
  REQUIRE(change_bike_status(store.db, coordinator, now, first->id, bike_status::maintenance, ""));

  const auto all = list_bikes(store.db, {});
  REQUIRE(all.size() == 3);
  CHECK(all[0].asset_tag == "EB-0001");
  CHECK(list_bikes(store.db, {store.basildon, std::nullopt, std::nullopt, std::nullopt}).size() == 2);
  const auto in_workshop = list_bikes(store.db, {std::nullopt, bike_status::maintenance, std::nullopt, std::nullopt});
  REQUIRE(in_workshop.size() == 1);
  CHECK(in_workshop[0].asset_tag == "EB-0002");
  CHECK(list_bikes(store.db, {store.basildon, bike_status::available, std::nullopt, std::nullopt}).size() == 1);
  CHECK(list_bikes(store.db, {store.southend, bike_status::maintenance, std::nullopt, std::nullopt}).empty());
}
