#include <catch2/catch.hpp>

#include <map>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/domain/pay_band.hpp"
#include "pedalpower/domain/policy.hpp"
#include "migrated_database.hpp"
#include "temp_database.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

struct expected_rule {
  int tier;
  int days;
};

// Lower pay bands first and longest, as the scheme's equity aim asks.
const std::map<std::string, expected_rule> default_rules{
    {"1", {1, 90}},  {"2", {1, 90}},  {"3", {1, 90}},  {"4", {1, 90}},  {"5", {2, 60}},
    {"6", {2, 60}},  {"7", {3, 28}},  {"8a", {3, 28}}, {"8b", {3, 28}}, {"8c", {4, 28}},
    {"8d", {4, 28}}, {"9", {4, 28}},  {"other", {4, 28}},
};

}  // namespace

TEST_CASE("the default policy gives every pay band its tier and loan days, free and one bike each")
{
  migrated_database store;
  const auto policy = policy_in_force(store.db, "2025-06-02");
  REQUIRE(policy);
  CHECK(policy->effective_from == "2025-01-01");
  CHECK(policy->reservation_hold_hours == 24);
  REQUIRE(policy->bands.size() == pay_bands.size());
  for (const auto band : pay_bands) {
    const auto rule = policy->rule_for(band);
    REQUIRE(rule);
    INFO("band " << band);
    const auto& expected = default_rules.at(std::string(band));
    CHECK(rule->eligible);
    CHECK(rule->priority_tier == expected.tier);
    CHECK(rule->max_loan_days == expected.days);
    CHECK(rule->weekly_fee_pence == 0);
    CHECK(rule->deposit_pence == 0);
    CHECK(rule->max_concurrent_loans == 1);
    CHECK(rule->induction_required);
  }
}

TEST_CASE("a version's bands come back in pay-band order")
{
  migrated_database store;
  const auto policy = policy_in_force(store.db, "2025-06-02");
  for (std::size_t i = 0; i < pay_bands.size(); ++i) CHECK(policy->bands[i].pay_band == pay_bands[i]);
}

TEST_CASE("the default loan terms are published with the default policy")
{
  migrated_database store;
  auto& rows = store.db.query("SELECT version, length(body) FROM terms_versions");
  REQUIRE(rows.step());
  CHECK(rows.get_text(0) == "2025-01");
  CHECK(rows.get_int(1) > 200);
  rows.reset();
}

TEST_CASE("no policy is in force before the first one takes effect")
{
  migrated_database store;
  const auto before = policy_in_force(store.db, "2024-12-31");
  REQUIRE_FALSE(before);
  CHECK(before.error().kind == problem_kind::not_found);
  CHECK(policy_in_force(store.db, "2025-01-01"));
}

TEST_CASE("the policy in force is the latest that took effect on or before the date")
{
  migrated_database store;
  store.db.run("INSERT INTO policy_versions(id, effective_from, note, created_by, created_at) "
               "VALUES (2, '2025-09-01', 'autumn', 'test', 0), (3, '2026-01-01', 'new year', 'test', 0)");
  CHECK(policy_in_force(store.db, "2025-08-31")->id == 1);
  CHECK(policy_in_force(store.db, "2025-09-01")->id == 2);
  CHECK(policy_in_force(store.db, "2025-12-31")->id == 2);
  CHECK(policy_in_force(store.db, "2026-03-01")->id == 3);
}

TEST_CASE("a malformed date asks for no policy")
{
  migrated_database store;
  const auto answer = policy_in_force(store.db, "2025-13-01");
  REQUIRE_FALSE(answer);
  CHECK(answer.error().kind == problem_kind::invalid);
}

TEST_CASE("a policy version is found by id, or not found")
{
  migrated_database store;
  const auto found = find_policy_version(store.db, 1);
  REQUIRE(found);
  CHECK(found->bands.size() == 13);
  CHECK(find_policy_version(store.db, 2).error().code == "policy_not_found");
}

TEST_CASE("a band the version has no rule for has no rule")
{
  policy_version version;
  version.bands.push_back({"5", true, 2, 60, 0, 0, 1, true});
  CHECK(version.rule_for("5"));
  CHECK_FALSE(version.rule_for("6"));
}
