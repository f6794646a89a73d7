#include <catch2/catch.hpp>

#include <string>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/domain/devices.hpp"
#include "pedalpower/core/secrets.hpp"
#include "migrated_database.hpp"
#include "temp_database.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

constexpr unix_seconds now = 1'700'000'000;
const actor admin{"user:1:admin"};

struct database_with_site : migrated_database {
  std::int64_t site_id = 0;
  database_with_site()
  {
    db.run("INSERT INTO sites(code, name, created_at) VALUES ('BAS', 'Basildon', ?1)", now);
    site_id = db.last_insert_rowid();
  }
};

}  // namespace

TEST_CASE("a registered device is found by its token, which is stored only as a digest")
{
  database_with_site data;
  const auto issued = register_device(data.db, admin, now, {"kiosk-bas", "kiosk", data.site_id});
  REQUIRE(issued);
  CHECK(issued->token.size() == 43);

  auto& row = data.db.query("SELECT token_hash FROM devices");
  REQUIRE(row.step());
  CHECK(row.get_text(0) == token_digest(issued->token));
  row.reset();

  const auto found = find_device_by_token(data.db, issued->token);
  REQUIRE(found);
  CHECK(found->id == issued->registered.id);
  CHECK(found->role == "kiosk");
  CHECK(found->site_id == data.site_id);
  CHECK_FALSE(find_device_by_token(data.db, "guessed"));
  CHECK(data.count("SELECT count(*) FROM audit_log WHERE action = 'register' AND entity = 'device'") == 1);
}

TEST_CASE("a device needs a unique name, a known role and, for a kiosk, a known site")
{
  database_with_site data;
  REQUIRE(register_device(data.db, admin, now, {"gateway-1", "telematics", std::nullopt}));
  CHECK(register_device(data.db, admin, now, {"gateway-1", "telematics", std::nullopt}).error().code ==
        "device_name_taken");
  CHECK(register_device(data.db, admin, now, {"", "telematics", std::nullopt}).error().field == "name");
  CHECK(register_device(data.db, admin, now, {"has space", "telematics", std::nullopt}).error().field == "name");
  CHECK(register_device(data.db, admin, now, {"x", "printer", std::nullopt}).error().field == "role");
  CHECK(register_device(data.db, admin, now, {"k", "kiosk", std::nullopt}).error().field == "site_id");
  CHECK(register_device(data.db, admin, now, {"k", "kiosk", 999}).error().code == "unknown_site");
  CHECK(data.count("SELECT count(*) FROM devices") == 1);
}

TEST_CASE("a rotated token replaces the old one")
{
  database_with_site data;
  const auto issued = register_device(data.db, admin, now, {"gateway-1", "telematics", std::nullopt}).value();
  const auto rotated = rotate_device_token(data.db, admin, now, issued.registered.id);
  REQUIRE(rotated);
  CHECK(rotated->token != issued.token);
  CHECK_FALSE(find_device_by_token(data.db, issued.token));
  CHECK(find_device_by_token(data.db, rotated->token));
  CHECK(data.count("SELECT count(*) FROM audit_log WHERE action = 'rotate_token'") == 1);
}

TEST_CASE("a deactivated device's token stops working and it cannot get a new one")
{
  database_with_site data;
  const auto issued = register_device(data.db, admin, now, {"gateway-1", "telematics", std::nullopt}).value();
  const auto deactivated = set_device_active(data.db, admin, now, issued.registered.id, false);
  REQUIRE(deactivated);
  CHECK_FALSE(deactivated->active);
  CHECK_FALSE(find_device_by_token(data.db, issued.token));
  CHECK(rotate_device_token(data.db, admin, now, issued.registered.id).error().code == "device_inactive");
  CHECK(set_device_active(data.db, admin, now, 999, false).error().code == "device_not_found");
  CHECK(list_devices(data.db, {}, {}).value().items.front().active == false);
}

TEST_CASE("the demo kiosk is registered once and gets a fresh token on each call")
{
  database_with_site data;
  const auto first = issue_demo_kiosk_token(data.db, now, data.site_id);
  REQUIRE(first);
  const auto second = issue_demo_kiosk_token(data.db, now, data.site_id);
  REQUIRE(second);
  CHECK(first.value() != second.value());
  CHECK_FALSE(find_device_by_token(data.db, first.value()));
  const auto kiosk = find_device_by_token(data.db, second.value());
  REQUIRE(kiosk);
  CHECK(kiosk->name == "kiosk-BAS");
  CHECK(data.count("SELECT count(*) FROM devices") == 1);
  CHECK(issue_demo_kiosk_token(data.db, now, 999).error().code == "site_not_found");
}
