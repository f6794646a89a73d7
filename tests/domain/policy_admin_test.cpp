#include <catch2/catch.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/domain/pay_band.hpp"
#include "pedalpower/domain/policy_admin.hpp"
#include "migrated_database.hpp"
#include "outcome_refusal.hpp"
#include "two_site_fleet.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

using policy_store = migrated_database;

/// A full table: every band eligible, paying `fee` a week.
policy_version draft(std::string effective_from, std::int64_t fee = 500)
{
  policy_version version;
  version.effective_from = std::move(effective_from);
  version.reservation_hold_hours = 48;
  version.note = "fees from September";
  for (const auto band : pay_bands) version.bands.push_back({std::string(band), true, 2, 28, fee, 5000, 1, true});
  return version;
}

/// The version made of `draft(effective_from, fee)`; the test stops if it is refused.
policy_version created_version(migrated_database& store, std::string effective_from, std::int64_t fee = 500)
{
  auto created = create_policy_version(store.db, coordinator, now, draft(std::move(effective_from), fee));
  REQUIRE(created);
  return std::move(created).value();
}

}  // namespace

TEST_CASE("a new version dated later takes effect on its date, not before")
{
  policy_store store;
  const auto created = created_version(store, "2025-09-01");
  CHECK(created.reservation_hold_hours == 48);
  CHECK(created.bands.size() == 13);
  CHECK(policy_in_force(store.db, "2025-08-31")->id == 1);
  CHECK(policy_in_force(store.db, "2025-09-01")->id == created.id);
  CHECK(policy_in_force(store.db, "2025-09-01")->rule_for("5")->weekly_fee_pence == 500);
  CHECK(store.count("SELECT count(*) FROM audit_log WHERE action = 'policy.create'") == 1);
  CHECK(store.count("SELECT count(*) FROM policy_versions WHERE created_by = 'user:1:coordinator'") == 1);
}

TEST_CASE("a version dated yesterday is refused, as history does not change, and one dated today is in force at once")
{
  policy_store store;
  const auto refused = create_policy_version(store.db, coordinator, now, draft("2025-06-01"));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "effective_in_past");
  CHECK(store.count("SELECT count(*) FROM policy_versions") == 1);
  const auto created = created_version(store, "2025-06-02");
  CHECK(policy_in_force(store.db, "2025-06-02")->id == created.id);
}

TEST_CASE("a version must have exactly one rule per pay band")
{
  policy_store store;
  auto missing = draft("2025-09-01");
  missing.bands.pop_back();
  CHECK(create_policy_version(store.db, coordinator, now, missing).error().code == "incomplete_bands");
  auto doubled = draft("2025-09-01");
  doubled.bands[12].pay_band = "Band 5";
  const auto refused = create_policy_version(store.db, coordinator, now, doubled);
  CHECK(refused.error().code == "duplicate_band");
  CHECK(refused.error().field == "bands[12].pay_band");
  auto unknown = draft("2025-09-01");
  unknown.bands[0].pay_band = "0";
  CHECK(create_policy_version(store.db, coordinator, now, unknown).error().field == "bands[0].pay_band");
  CHECK(store.count("SELECT count(*) FROM policy_versions") == 1);
  CHECK(store.count("SELECT count(*) FROM policy_bands") == 13);
}

TEST_CASE("band rules and hold hours outside their ranges are refused naming the field")
{
  policy_store store;
  const auto field_at_fault = [&](const policy_version& version) {
    return invalid_field(create_policy_version(store.db, coordinator, now, version));
  };
  auto version = draft("2025-09-01");
  version.bands[3].priority_tier = 0;
  CHECK(field_at_fault(version) == "bands[3].priority_tier");
  version = draft("2025-09-01");
  version.bands[4].max_loan_days = 0;
  CHECK(field_at_fault(version) == "bands[4].max_loan_days");
  version = draft("2025-09-01", -1);
  CHECK(field_at_fault(version) == "bands[0].weekly_fee_pence");
  version = draft("2025-09-01");
  version.bands[5].deposit_pence = -5;
  CHECK(field_at_fault(version) == "bands[5].deposit_pence");
  version = draft("2025-09-01");
  version.bands[6].max_concurrent_loans = -1;
  CHECK(field_at_fault(version) == "bands[6].max_concurrent_loans");
  version = draft("2025-09-01");
  version.reservation_hold_hours = 0;
  CHECK(field_at_fault(version) == "reservation_hold_hours");
  version = draft("2025-9-1");
  CHECK(field_at_fault(version) == "effective_from");
}

TEST_CASE("two versions cannot take effect on the same day")
{
  policy_store store;
  REQUIRE(create_policy_version(store.db, coordinator, now, draft("2025-09-01")));
  CHECK(refusal(create_policy_version(store.db, coordinator, now, draft("2025-09-01", 700))) == "policy_date_taken");
}

TEST_CASE("a future version can be replaced before it takes effect, keeping its id")
{
  policy_store store;
  const auto created = created_version(store, "2025-09-01");
  const auto replaced = replace_policy_version(store.db, coordinator, now, created.id, draft("2025-10-01", 300));
  REQUIRE(replaced);
  CHECK(replaced->id == created.id);
  CHECK(replaced->effective_from == "2025-10-01");
  CHECK(policy_in_force(store.db, "2025-09-15")->id == 1);
  CHECK(policy_in_force(store.db, "2025-10-01")->rule_for("9")->weekly_fee_pence == 300);
  CHECK(store.count("SELECT count(*) FROM policy_bands") == 26);
  CHECK(store.count("SELECT count(*) FROM audit_log WHERE action = 'policy.replace'") == 1);
}

TEST_CASE("a future version can be withdrawn before it takes effect")
{
  policy_store store;
  const auto created = created_version(store, "2025-09-01");
  REQUIRE(delete_policy_version(store.db, coordinator, now, created.id));
  CHECK(policy_in_force(store.db, "2025-09-02")->id == 1);
  CHECK(store.count("SELECT count(*) FROM policy_bands") == 13);
  CHECK(store.count("SELECT count(*) FROM audit_log WHERE action = 'policy.delete'") == 1);
}

TEST_CASE("a version in force can be neither replaced nor withdrawn")
{
  policy_store store;
  const auto replaced = replace_policy_version(store.db, coordinator, now, 1, draft("2025-09-01"));
  REQUIRE_FALSE(replaced);
  CHECK(replaced.error().code == "policy_in_force");
  CHECK(refusal(delete_policy_version(store.db, coordinator, now, 1)) == "policy_in_force");

  const auto created = created_version(store, "2025-09-01");
  const auto once_in_force = now + 100 * 86'400;
  CHECK(delete_policy_version(store.db, coordinator, once_in_force, created.id).error().code == "policy_in_force");
  CHECK(store.count("SELECT count(*) FROM policy_versions") == 2);
  CHECK(delete_policy_version(store.db, coordinator, now, 99).error().code == "policy_not_found");
}

TEST_CASE("versions are listed latest effective date first")
{
  policy_store store;
  REQUIRE(create_policy_version(store.db, coordinator, now, draft("2026-01-01")));
  REQUIRE(create_policy_version(store.db, coordinator, now, draft("2025-09-01")));
  const auto versions = list_policy_versions(store.db);
  REQUIRE(versions.size() == 3);
  CHECK(versions[0].effective_from == "2026-01-01");
  CHECK(versions[1].effective_from == "2025-09-01");
  CHECK(versions[2].effective_from == "2025-01-01");
  CHECK(versions[2].bands.size() == 13);
}

TEST_CASE("the lowest charge to lend is part of a version: 0 to 100, kept, and in the audit")
{
  policy_store store;
  CHECK(policy_in_force(store.db, "2025-06-02")->min_charge_pct == 30);
  auto low = draft("2025-09-01");
  low.min_charge_pct = 101;
  CHECK(refused_field(create_policy_version(store.db, coordinator, now, low)) == "min_charge_pct");
  low.min_charge_pct = -1;
  CHECK_FALSE(create_policy_version(store.db, coordinator, now, low));
  CHECK(store.count("SELECT count(*) FROM policy_versions") == 1);

  low.min_charge_pct = 45;
  const auto created = create_policy_version(store.db, coordinator, now, low);
  REQUIRE(created);
  CHECK(created->min_charge_pct == 45);
  CHECK(store.count("SELECT count(*) FROM audit_log WHERE action = 'policy.create'"
                    " AND json_extract(after, '$.min_charge_pct') = 45") == 1);
}
