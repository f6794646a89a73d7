#include <catch2/catch.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/domain/kiosk_exceptions.hpp"
#include "migrated_database.hpp"
#include "temp_database.hpp"

using namespace pedalpower;

namespace {

struct fixture : migrated_database {
  domain::actor kiosk{"device:1:kiosk-basildon"};
  std::int64_t device_id = 0;

  fixture()
  {
    db.run("INSERT INTO sites (code, name, created_at) VALUES ('BAS', 'Basildon', 1)");
    db.run("INSERT INTO devices (name, role, site_id, token_hash, created_at) VALUES ('kiosk-bas', 'kiosk', 1, 'x', 1)");
    device_id = db.last_insert_rowid();
  }

  domain::kiosk_exception_report report(const std::string& key) const
  {
    return {key, "checkout", "EB-0001", std::nullopt, 900, {{"bike_id", 1}}, {{"error", {{"code", "bike_on_loan"}}}}};
  }
};

}  // namespace

TEST_CASE("a refused offline action is recorded as an open exception, with an audit entry")
{
  fixture f;
  const auto recorded = domain::record_kiosk_exception(f.db, f.kiosk, 1000, f.device_id, f.report("k-1"));
  REQUIRE(recorded);
  CHECK(recorded->status == "open");
  CHECK(recorded->refusal.at("error").at("code") == "bike_on_loan");
  CHECK(domain::list_kiosk_exceptions(f.db, {"open", {}, {}}, {})->total == 1);
  auto& audits = f.db.query("SELECT COUNT(*) FROM audit_log WHERE entity = 'kiosk_exception'");
  audits.step();
  CHECK(audits.get_int(0) == 1);
  audits.reset();
}

TEST_CASE("reporting the same exception twice records it once")
{
  fixture f;
  const auto first = domain::record_kiosk_exception(f.db, f.kiosk, 1000, f.device_id, f.report("k-1"));
  const auto again = domain::record_kiosk_exception(f.db, f.kiosk, 1001, f.device_id, f.report("k-1"));
  REQUIRE(again);
  CHECK(again->id == first->id);
  CHECK(domain::list_kiosk_exceptions(f.db, {}, {})->total == 1);
}

TEST_CASE("an exception report with an unknown kind is refused and records nothing")
{
  fixture f;
  auto bad = f.report("k-1");
  bad.kind = "teleport";
  const auto refused = domain::record_kiosk_exception(f.db, f.kiosk, 1000, f.device_id, bad);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().field == "kind");
  CHECK(domain::list_kiosk_exceptions(f.db, {}, {})->items.empty());
}

TEST_CASE("a coordinator resolves an exception once, with a note")
{
  fixture f;
  const auto recorded = domain::record_kiosk_exception(f.db, f.kiosk, 1000, f.device_id, f.report("k-1"));
  const domain::actor coordinator{"user:1:alice"};
  const auto resolved = domain::resolve_kiosk_exception(f.db, coordinator, 2000, recorded->id, "lent EB-0002 instead");
  REQUIRE(resolved);
  CHECK(resolved->status == "resolved");
  CHECK(resolved->resolved_by == "user:1:alice");
  CHECK(domain::list_kiosk_exceptions(f.db, {"open", {}, {}}, {})->items.empty());
  CHECK(domain::resolve_kiosk_exception(f.db, coordinator, 2001, recorded->id, "").error().code == "already_resolved");
  CHECK(domain::resolve_kiosk_exception(f.db, coordinator, 2001, 999, "").error().code == "kiosk_exception_not_found");
}
