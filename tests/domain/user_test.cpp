#include <catch2/catch.hpp>

#include <string>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/domain/users.hpp"
#include "cheap_scrypt.hpp"
#include "migrated_database.hpp"
#include "outcome_refusal.hpp"
#include "temp_database.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

constexpr unix_seconds now = 1'700'000'000;
const actor admin{"user:1:admin"};

user make_user(db::connection& db, const std::string& name, const std::string& password = "a long password!")
{
  auto created = create_user(db, admin, now, {name, "Someone", "technician"}, hash_secret(password, cheap_scrypt_cost));
  REQUIRE(created);
  return created.value();
}

}  // namespace

TEST_CASE("a new user can be found for sign-in with a hash that matches the password")
{
  migrated_database data;
  const auto created = make_user(data.db, "tess");
  const auto candidate = find_sign_in_candidate(data.db, "tess");
  REQUIRE(candidate);
  CHECK(candidate->account.id == created.id);
  CHECK(candidate->account.role == "technician");
  CHECK(verify_secret("a long password!", candidate->password_hash));
  CHECK_FALSE(find_sign_in_candidate(data.db, "nobody"));
}

TEST_CASE("creating a user is audited without the password hash")
{
  migrated_database data;
  const auto created = make_user(data.db, "tess");
  auto& row = data.db.query("SELECT actor, action, entity, entity_id, after FROM audit_log");
  REQUIRE(row.step());
  CHECK(row.get_text(0) == "user:1:admin");
  CHECK(row.get_text(1) == "create");
  CHECK(row.get_text(2) == "user");
  CHECK(row.get_text(3) == std::to_string(created.id));
  CHECK(row.get_text(4).find("scrypt") == std::string::npos);
  CHECK(row.get_text(4).find("tess") != std::string::npos);
  row.reset();
}

TEST_CASE("a second user with the same username is refused")
{
  migrated_database data;
  make_user(data.db, "tess");
  CHECK(refusal(create_user(data.db, admin, now, {"tess", "Other", "reporter"}, "scrypt$x")) == "username_taken");
  CHECK(data.count("SELECT count(*) FROM users") == 1);
}

TEST_CASE("usernames, display names, roles and passwords are checked")
{
  CHECK_FALSE(check_new_user({"tess", "Tess", "coordinator"}));
  CHECK(check_new_user({"Tess", "Tess", "coordinator"})->field == "username");
  CHECK(check_new_user({"te", "Tess", "coordinator"})->field == "username");
  CHECK(check_new_user({"tess smith", "Tess", "coordinator"})->field == "username");
  CHECK(check_new_user({"tess", "   ", "coordinator"})->field == "display_name");
  CHECK(check_new_user({"tess", "Tess", "kiosk"})->field == "role");
  CHECK(check_new_password("short")->code == "password_too_short");
  CHECK(check_new_password(std::string(1025, 'x'))->code == "password_too_long");
  CHECK_FALSE(check_new_password("twelve chars"));
}

TEST_CASE("a typed username is compared trimmed and in lower case")
{
  CHECK(canonical_username("  Tess.Smith ") == "tess.smith");
}

TEST_CASE("a deactivated user cannot sign in and loses their sessions")
{
  migrated_database data;
  const auto tess = make_user(data.db, "tess");
  start_session(data.db, tess, now, {});
  const auto after = set_user_active(data.db, admin, now, tess.id, false);
  REQUIRE(after);
  CHECK_FALSE(after->active);
  CHECK_FALSE(find_sign_in_candidate(data.db, "tess"));
  CHECK(data.count("SELECT count(*) FROM user_sessions") == 0);
  CHECK(data.count("SELECT count(*) FROM audit_log WHERE action = 'deactivate'") == 1);
  CHECK(set_user_active(data.db, admin, now, tess.id, false));
  CHECK(data.count("SELECT count(*) FROM audit_log WHERE action = 'deactivate'") == 1);
  CHECK(set_user_active(data.db, admin, now, 999, false).error().code == "user_not_found");
}

TEST_CASE("a new password replaces the old one and ends every other session")
{
  migrated_database data;
  const auto tess = make_user(data.db, "tess");
  const auto mine = start_session(data.db, tess, now, {});
  start_session(data.db, tess, now, {});
  REQUIRE(set_user_password(data.db, admin, now, tess.id, hash_secret("the new password", cheap_scrypt_cost),
                            token_digest(mine.token)));
  CHECK(verify_secret("the new password", find_sign_in_candidate(data.db, "tess")->password_hash));
  CHECK(data.count("SELECT count(*) FROM user_sessions") == 1);
  CHECK(find_session(data.db, mine.token, now, {}));
}

TEST_CASE("each demo start gives the coordinator a new random password")
{
  migrated_database data;
  const auto first = demo_coordinator_login(data.db, now, cheap_scrypt_cost);
  CHECK(first.size() >= 12);
  const auto candidate = find_sign_in_candidate(data.db, "coordinator");
  REQUIRE(candidate);
  CHECK(candidate->account.role == "coordinator");
  CHECK(verify_secret(first, candidate->password_hash));

  const auto second = demo_coordinator_login(data.db, now, cheap_scrypt_cost);
  CHECK(second != first);
  const auto again = find_sign_in_candidate(data.db, "coordinator");
  CHECK(again->account.id == candidate->account.id);
  CHECK(verify_secret(second, again->password_hash));
  CHECK_FALSE(verify_secret(first, again->password_hash));

  // Demoted and deactivated while someone tried the admin: the next start gives it back.
  data.db.run("UPDATE users SET role = 'reporter', active = 0 WHERE id = ?1", candidate->account.id);
  const auto third = demo_coordinator_login(data.db, now, cheap_scrypt_cost);
  const auto restored = find_sign_in_candidate(data.db, "coordinator");
  REQUIRE(restored);
  CHECK(restored->account.id == candidate->account.id);
  CHECK(restored->account.role == "coordinator");
  CHECK(verify_secret(third, restored->password_hash));
}

TEST_CASE("report authors are sent the report packs unless they opt out, coordinators when they opt in, technicians never")
{
  migrated_database data;
  const auto hash = hash_secret("a long password!", cheap_scrypt_cost);
  const auto author = create_user(data.db, admin, now, {"author", "Author", "reporter"}, hash);
  REQUIRE(author);
  CHECK(author->report_packs);
  const auto coordinator = create_user(data.db, admin, now, {"lead", "Lead", "coordinator"}, hash);
  REQUIRE(coordinator);
  CHECK_FALSE(coordinator->report_packs);
  CHECK(refused_field(create_user(data.db, admin, now, {"fixer", "Fixer", "technician"}, hash, {"", {}, true})) ==
        "report_packs");

  user_changes opt_in;
  opt_in.email = "  lead@example.nhs.uk ";
  opt_in.report_packs = true;
  const auto changed = change_user(data.db, admin, now, coordinator->id, opt_in, coordinator->id);
  REQUIRE(changed);
  CHECK(changed->report_packs);
  CHECK(changed->email == "lead@example.nhs.uk");
  CHECK(find_user(data.db, coordinator->id)->report_packs);
  CHECK(data.count("SELECT count(*) FROM audit_log WHERE action = 'update' AND entity = 'user'") == 1);

  const auto fixer = make_user(data.db, "fixer2");
  user_changes packs_only;
  packs_only.report_packs = true;
  CHECK(change_user(data.db, admin, now, fixer.id, packs_only, coordinator->id).error().field == "report_packs");
  user_changes bad_address;
  bad_address.email = "not an address";
  CHECK(change_user(data.db, admin, now, fixer.id, bad_address, coordinator->id).error().field == "email");
  CHECK(change_user(data.db, admin, now, 999, packs_only, coordinator->id).error().code == "user_not_found");
  CHECK(data.count("SELECT count(*) FROM audit_log WHERE action = 'update' AND entity = 'user'") == 1);
}

TEST_CASE("the scheme keeps an active coordinator, and only an active coordinator changes accounts")
{
  migrated_database data;
  const auto hash = hash_secret("a long password!", cheap_scrypt_cost);
  const auto first = create_user(data.db, admin, now, {"first", "First", "coordinator"}, hash).value();
  const auto second = create_user(data.db, admin, now, {"second", "Second", "coordinator"}, hash).value();
  user_changes to_reporter;
  to_reporter.role = "reporter";
  user_changes leaving;
  leaving.active = false;

  CHECK(refusal(change_user(data.db, admin, now, first.id, to_reporter, first.id)) == "cannot_change_own_role");
  CHECK(refusal(change_user(data.db, admin, now, first.id, leaving, first.id)) == "cannot_deactivate_self");
  // Two coordinators demoting each other: the second change finds its author no longer one.
  REQUIRE(change_user(data.db, admin, now, second.id, to_reporter, first.id));
  const auto answered = change_user(data.db, admin, now, first.id, to_reporter, second.id);
  REQUIRE_FALSE(answered);
  CHECK(answered.error().kind == problem_kind::forbidden);
  CHECK(answered.error().code == "not_a_coordinator");
  CHECK(check_acting_coordinator(data.db, first.id) == std::nullopt);
  CHECK(check_acting_coordinator(data.db, second.id)->code == "not_a_coordinator");

  // The last coordinator stays one: only another active coordinator could change them.
  const auto before = data.count("SELECT count(*) FROM audit_log");
  user_changes back;
  back.role = "coordinator";
  CHECK(refusal(change_user(data.db, admin, now, second.id, back, second.id)) == "not_a_coordinator");
  REQUIRE(change_user(data.db, admin, now, second.id, back, first.id));
  REQUIRE(change_user(data.db, admin, now, first.id, leaving, second.id));
  CHECK(refusal(change_user(data.db, admin, now, second.id, leaving, first.id)) == "not_a_coordinator");
  CHECK(data.count("SELECT count(*) FROM users WHERE role = 'coordinator' AND active = 1") == 1);
  CHECK(data.count("SELECT count(*) FROM audit_log") == before + 2);
}
