#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/notifications.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/domain/users.hpp"

namespace pedalpower::domain {
namespace {

// Rewriting last_seen_at on every request would turn every read into a write through the single
// writer (and an fsync), competing with real changes; a minute's precision is plenty for a limit
// measured in tens of minutes.
constexpr std::int64_t touch_interval_seconds = 60;

}  // namespace

new_session start_session(db::connection& db, const user& account, unix_seconds now, const session_limits& limits)
{
  db.run("DELETE FROM user_sessions WHERE user_id = ?1 AND (expires_at <= ?2 OR last_seen_at < ?3)", account.id, now,
         now - limits.idle_seconds);
  new_session started{random_token(), random_token(), now + limits.absolute_seconds};
  db.run("INSERT INTO user_sessions(token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) "
         "VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
         token_digest(started.token), account.id, started.csrf_token, now, started.expires_at);
  record_audit(db, actor{"user:" + std::to_string(account.id) + ":" + account.username}, now, "sign_in", "user",
               std::to_string(account.id), std::nullopt, nlohmann::json{{"session_expires_at", started.expires_at}});
  return started;
}

outcome<session> find_session(db::connection& db, std::string_view token, unix_seconds now, const session_limits& limits)
{
  auto& row = db.query(
      "SELECT u.id, u.username, u.display_name, u.role, u.active, u.created_at, "
      "       s.token_hash, s.csrf_token, s.last_seen_at, s.expires_at "
      "FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1 AND u.active = 1",
      token_digest(token));
  if (!row.step()) return problem{problem_kind::unauthenticated, "invalid_credentials", "this session is not known; sign in again", ""};
  session found{{row.get_int(0), row.get_text(1), row.get_text(2), row.get_text(3), row.get_int(4) != 0, row.get_int(5), {}, {}},
                row.get_text(6),
                row.get_text(7),
                row.get_int(8),
                row.get_int(9)};
  row.reset();
  if (now >= found.expires_at || now - found.last_seen_at > limits.idle_seconds) {
    return problem{problem_kind::unauthenticated, "session_expired", "this session has expired; sign in again", ""};
  }
  return found;
}

bool session_needs_touch(const session& current, unix_seconds now)
{
  return now - current.last_seen_at > touch_interval_seconds;
}

void touch_session(db::connection& db, const std::string& token_digest, unix_seconds now)
{
  db.run("UPDATE user_sessions SET last_seen_at = ?2 WHERE token_hash = ?1 AND last_seen_at < ?2", token_digest, now);
}

void end_session(db::connection& db, const actor& who, unix_seconds now, const session& current)
{
  db.run("DELETE FROM user_sessions WHERE token_hash = ?1", current.token_digest);
  record_audit(db, who, now, "sign_out", "user", std::to_string(current.account.id), std::nullopt, std::nullopt);
}

void record_sign_in_throttled(db::connection& db, unix_seconds now, const user& account, std::string_view reason,
                              std::string_view address, int failures)
{
  record_audit(db, actor{"anonymous"}, now, "sign_in_throttled", "user", std::to_string(account.id), std::nullopt,
               nlohmann::json{{"reason", reason}, {"address", address}, {"failures", failures}});
  notify_sign_in_throttled(db, now, account.id, reason, address, failures);
}

int forget_expired_sessions(db::connection& db, unix_seconds now, const session_limits& limits)
{
  return db.run("DELETE FROM user_sessions WHERE expires_at <= ?1 OR last_seen_at < ?2", now,
                now - limits.idle_seconds);
}

}  // namespace pedalpower::domain
