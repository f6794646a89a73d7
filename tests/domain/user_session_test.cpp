#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/domain/users.hpp"
#include "migrated_database.hpp"
#include "outcome_refusal.hpp"
#include "temp_database.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

constexpr unix_seconds start = 1'700'000'000;
constexpr session_limits limits{30 * 60, 12 * 60 * 60};

struct signed_in_user : migrated_database {
  user account;
  signed_in_user()
  {
    account = create_user(db, actor{"test"}, start, {"tess", "Tess", "coordinator"}, "scrypt$unused").value();
  }
};

std::int64_t session_rows(db::connection& db)
{
  return db.query_int("SELECT count(*) FROM user_sessions");
}

}  // namespace

TEST_CASE("a session is found by its token, which the database keeps only as a digest")
{
  signed_in_user data;
  const auto started = start_session(data.db, data.account, start, limits);
  CHECK(started.token != started.csrf_token);
  CHECK(started.expires_at == start + limits.absolute_seconds);

  auto& row = data.db.query("SELECT token_hash FROM user_sessions");
  REQUIRE(row.step());
  CHECK(row.get_text(0) == token_digest(started.token));
  row.reset();

  const auto found = find_session(data.db, started.token, start + 10, limits);
  REQUIRE(found);
  CHECK(found->account.username == "tess");
  CHECK(found->csrf_token == started.csrf_token);
}

TEST_CASE("an unknown session token is invalid credentials")
{
  signed_in_user data;
  start_session(data.db, data.account, start, limits);
  CHECK(refusal(find_session(data.db, "not-a-session", start, limits)) == "invalid_credentials");
}

TEST_CASE("a session left idle past the limit expires")
{
  signed_in_user data;
  const auto started = start_session(data.db, data.account, start, limits);
  CHECK(find_session(data.db, started.token, start + limits.idle_seconds, limits));
  CHECK(refusal(find_session(data.db, started.token, start + limits.idle_seconds + 1, limits)) == "session_expired");
}

TEST_CASE("using a session keeps it alive until its absolute limit")
{
  signed_in_user data;
  const auto started = start_session(data.db, data.account, start, limits);
  auto now = start;
  while (now + 20 * 60 < start + limits.absolute_seconds) {
    now += 20 * 60;
    const auto found = find_session(data.db, started.token, now, limits);
    REQUIRE(found);
    if (session_needs_touch(found.value(), now)) touch_session(data.db, found->token_digest, now);
  }
  CHECK(refusal(find_session(data.db, started.token, start + limits.absolute_seconds, limits)) == "session_expired");
}

TEST_CASE("last use is rewritten only when it moved by more than a minute")
{
  signed_in_user data;
  const auto started = start_session(data.db, data.account, start, limits);
  const auto found = find_session(data.db, started.token, start, limits).value();
  CHECK_FALSE(session_needs_touch(found, start + 60));
  CHECK(session_needs_touch(found, start + 61));
}

TEST_CASE("signing out ends the session and is audited")
{
  signed_in_user data;
  const auto started = start_session(data.db, data.account, start, limits);
  const auto found = find_session(data.db, started.token, start, limits).value();
  end_session(data.db, actor{"user:1:tess"}, start + 5, found);
  CHECK(find_session(data.db, started.token, start + 6, limits).error().code == "invalid_credentials");
  auto& row = data.db.query("SELECT action FROM audit_log ORDER BY id");
  std::vector<std::string> actions;
  while (row.step()) actions.push_back(row.get_text(0));
  CHECK(actions == std::vector<std::string>{"create", "sign_in", "sign_out"});
}

TEST_CASE("housekeeping and a new sign-in forget expired sessions only")
{
  signed_in_user data;
  start_session(data.db, data.account, start, limits);
  const auto fresh = start_session(data.db, data.account, start + limits.idle_seconds, limits);
  CHECK(forget_expired_sessions(data.db, start + limits.idle_seconds + 1, limits) == 1);
  CHECK(find_session(data.db, fresh.token, start + limits.idle_seconds + 1, limits));

  start_session(data.db, data.account, start + 3 * limits.idle_seconds, limits);
  CHECK(session_rows(data.db) == 1);
}
