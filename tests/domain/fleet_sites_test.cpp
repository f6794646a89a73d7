#include <catch2/catch.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/domain/sites.hpp"
#include "migrated_database.hpp"
#include "outcome_refusal.hpp"
#include "two_site_fleet.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

TEST_CASE("a site is created tidied and can be found again")
{
  migrated_database store;
  const auto created = create_site(store.db, coordinator, now, {" bas ", " Basildon University Hospital ", "Nethermayne"});
  REQUIRE(created);
  CHECK(created->code == "BAS");
  CHECK(created->name == "Basildon University Hospital");
  const auto found = find_site(store.db, created->id);
  REQUIRE(found);
  CHECK(found->code == "BAS");
  CHECK(found->address == "Nethermayne");
  CHECK(store.count("SELECT count(*) FROM audit_log WHERE action = 'site.create'") == 1);
}

TEST_CASE("sites are listed by name")
{
  migrated_database store;
  REQUIRE(create_site(store.db, coordinator, now, {"SOU", "Southend University Hospital", ""}));
  REQUIRE(create_site(store.db, coordinator, now, {"BRO", "Broomfield Hospital", ""}));
  const auto sites = list_sites(store.db);
  REQUIRE(sites.size() == 2);
  CHECK(sites[0].code == "BRO");
  CHECK(sites[1].code == "SOU");
}

TEST_CASE("a second site with the same code is refused")
{
  migrated_database store;
  REQUIRE(create_site(store.db, coordinator, now, {"BAS", "Basildon", ""}));
  const auto again = create_site(store.db, coordinator, now, {"bas", "Basildon again", ""});
  REQUIRE_FALSE(again);
  CHECK(again.error().kind == problem_kind::conflict);
  CHECK(again.error().code == "site_code_taken");
  CHECK(store.count("SELECT count(*) FROM sites") == 1);
}

TEST_CASE("site fields that break the rules are refused naming the field")
{
  migrated_database store;
  const auto field_at_fault = [&](site_details details) {
    return invalid_field(create_site(store.db, coordinator, now, std::move(details)));
  };
  CHECK(field_at_fault({"B", "Basildon", ""}) == "code");
  CHECK(field_at_fault({"BAS-1", "Basildon", ""}) == "code");
  CHECK(field_at_fault({"BAS", "  ", ""}) == "name");
  CHECK(field_at_fault({"BAS", "Basildon", std::string(501, 'x')}) == "address");
  CHECK(store.count("SELECT count(*) FROM sites") == 0);
}

TEST_CASE("updating a site replaces its details and audits before and after")
{
  migrated_database store;
  const auto created = create_site(store.db, coordinator, now, {"BAS", "Basildon", ""});
  const auto updated = update_site(store.db, coordinator, now, created->id, {"BAS", "Basildon University Hospital", "SS16 5NL"});
  REQUIRE(updated);
  CHECK(find_site(store.db, created->id)->name == "Basildon University Hospital");
  CHECK(store.count("SELECT count(*) FROM audit_log WHERE action = 'site.update' AND before LIKE '%\"Basildon\"%' "
                    "AND after LIKE '%SS16 5NL%'") == 1);

  // Saved as it was: no event for the audit log.
  REQUIRE(update_site(store.db, coordinator, now, created->id, {"BAS", " Basildon University Hospital", "SS16 5NL"}));
  CHECK(store.count("SELECT count(*) FROM audit_log WHERE action = 'site.update'") == 1);
}

TEST_CASE("a site cannot take another site's code")
{
  migrated_database store;
  REQUIRE(create_site(store.db, coordinator, now, {"BAS", "Basildon", ""}));
  const auto southend = create_site(store.db, coordinator, now, {"SOU", "Southend", ""});
  CHECK(refusal(update_site(store.db, coordinator, now, southend->id, {"BAS", "Southend", ""})) == "site_code_taken");
  CHECK(find_site(store.db, southend->id)->code == "SOU");
}

TEST_CASE("updating or finding a site that does not exist is not found")
{
  migrated_database store;
  CHECK(find_site(store.db, 42).error().code == "site_not_found");
  CHECK(update_site(store.db, coordinator, now, 42, {"BAS", "Basildon", ""}).error().kind == problem_kind::not_found);
}
