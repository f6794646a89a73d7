#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/listing.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/domain/password_rules.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// The people who run the scheme and sign in with a password.
inline constexpr std::array<std::string_view, 3> user_roles{"coordinator", "technician", "reporter"};

struct user {
  std::int64_t id = 0;
  std::string username;  ///< lower case
  std::string display_name;
  std::string role;  ///< one of user_roles
  bool active = true;
  unix_seconds created_at = 0;
  std::string email;                    ///< where notifications go; empty: none
  std::optional<std::int64_t> site_id;  ///< the site a technician serves; absent: every site
  bool report_packs = false;            ///< mailed the link to each monthly report pack
};

/// id, username, display_name, role, active, created_at (ISO 8601), email, site_id and report_packs.
void to_json(nlohmann::json& out, const user& value);

struct new_user {
  std::string username;
  std::string display_name;
  std::string role;
};

/// Where a user is told of what needs them.
struct user_contact {
  std::string email;                    ///< empty: the user gets no mail
  std::optional<std::int64_t> site_id;  ///< the site a technician serves; absent: every site
  /// Mailed each monthly report pack; absent: report authors are, others are not.
  std::optional<bool> report_packs;
};

/// What a coordinator may change of a user; an absent field stays as it is.
struct user_changes {
  std::optional<std::string> role;   ///< one of user_roles
  std::optional<bool> active;        ///< false: they can no longer sign in
  std::optional<std::string> email;  ///< empty: no mail at all
  std::optional<bool> report_packs;
  /// Set: the site a technician serves, or every site when it holds none.
  std::optional<std::optional<std::int64_t>> site_id;
};

/// An active account and its stored password hash, for checking a sign-in.
struct sign_in_candidate {
  user account;
  std::string password_hash;
};

/// The rules a new user must meet, checked before anything slow happens; nullopt if it is fine.
std::optional<problem> check_new_user(const new_user& candidate);
/// How a typed username is compared: trimmed and lower case.
std::string canonical_username(std::string_view typed);

/// The rules an address and site must meet, checked with the site's existence; nullopt if fine.
std::optional<problem> check_user_contact(db::connection& db, const user_contact& contact);

/// Creates a user whose password was hashed beforehand with hash_secret. A conflict
/// "username_taken" if the name is in use; invalid for a bad address or unknown site. Throws db::error.
outcome<user> create_user(db::connection& db, const actor& who, unix_seconds now, const new_user& details,
                          const std::string& password_hash, const user_contact& contact = {});
outcome<user> find_user(db::connection& db, std::int64_t id);
struct user_filter {
  std::optional<std::string> role;
  std::optional<bool> active;
};

/// One page of the users matching `filter`, by username unless `wanted` sorts by username,
/// display_name, role, created_at or id. Problems: invalid "sort", "page" or "page_size".
outcome<list_page<user>> list_users(db::connection& db, const user_filter& filter, const page_request& wanted);
/// The active user with this (canonical) username and their hash; nullopt if there is none.
std::optional<sign_in_candidate> find_sign_in_candidate(db::connection& db, const std::string& username);

/// Null when `user_id` is an active coordinator now, else forbidden "not_a_coordinator". Account
/// changes check it inside their transaction: a coordinator deactivated or demoted while their
/// request waited (a password hash takes most of a second) no longer acts.
std::optional<problem> check_acting_coordinator(db::connection& db, std::int64_t user_id);

/// Changes a user's role, whether they may sign in, where their mail goes, whether it includes the
/// report packs and the site they serve, for coordinator `acting_user_id`. A new role takes effect on their next
/// request; deactivating ends their sessions. A technician is never sent the report packs, so a
/// user who becomes one stops receiving them unless the same change asks otherwise (which is
/// refused). Nobody changes their own role or deactivates themselves, so the scheme always keeps
/// an active coordinator. Audited. Problems: "user_not_found"; invalid "role", "email" (not an
/// address), "report_packs" (a technician's) or "site_id" (no such site); forbidden "not_a_coordinator"; conflict
/// "cannot_change_own_role" or "cannot_deactivate_self".
outcome<user> change_user(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                          const user_changes& changes, std::int64_t acting_user_id);

/// Marks the user active or inactive; deactivating ends every session they hold. Setting the state
/// the user is already in changes nothing.
outcome<user> set_user_active(db::connection& db, const actor& who, unix_seconds now, std::int64_t id, bool active);

/// Replaces the user's password hash and ends their sessions, except the one whose digest is
/// `keep_session` (the caller's own, when a user changes their own password).
outcome<done> set_user_password(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                const std::string& password_hash, const std::string& keep_session = {});

// Sessions: a signed-in browser holds a random token in a cookie; the database keeps only its digest.

struct session_limits {
  std::int64_t idle_seconds = 30 * 60;          ///< unused this long, a session ends
  std::int64_t absolute_seconds = 12 * 60 * 60;  ///< used or not, a session ends this long after sign-in
};

/// What a sign-in hands to the browser; `token` is not stored anywhere.
struct new_session {
  std::string token;
  std::string csrf_token;
  unix_seconds expires_at = 0;
};

struct session {
  user account;
  std::string token_digest;
  std::string csrf_token;
  unix_seconds last_seen_at = 0;
  unix_seconds expires_at = 0;  ///< the absolute limit
};

/// Starts a session for `account` and forgets that user's expired ones. Audited as a sign-in.
new_session start_session(db::connection& db, const user& account, unix_seconds now, const session_limits& limits);

/// The live session for a cookie token. Problems, all unauthenticated: "invalid_credentials" if there
/// is none (or its user was deactivated), "session_expired" once idle or past its absolute limit.
outcome<session> find_session(db::connection& db, std::string_view token, unix_seconds now,
                              const session_limits& limits);

/// True when last_seen_at is worth rewriting: it moved by more than a minute.
bool session_needs_touch(const session& current, unix_seconds now);
/// Records that the session was used at `now`.
void touch_session(db::connection& db, const std::string& token_digest, unix_seconds now);

/// Ends the session (sign-out). Audited.
void end_session(db::connection& db, const actor& who, unix_seconds now, const session& current);

/// Audits that sign-ins to `account` are being slowed (`reason`: "locked_for_address" or
/// "many_failures"), with the address and the failures counted, so the owner can be told.
void record_sign_in_throttled(db::connection& db, unix_seconds now, const user& account, std::string_view reason,
                              std::string_view address, int failures);

/// Deletes every session past its idle or absolute limit; returns how many. For housekeeping.
int forget_expired_sessions(db::connection& db, unix_seconds now, const session_limits& limits);

/// Gives the demo user "coordinator" a fresh random password, creating the user if need be, and
/// returns that password, which exists nowhere else. Audited. Slow: it hashes with the full cost.
/// For demonstrations only; throws std::runtime_error if the user cannot be created.
std::string demo_coordinator_login(db::connection& db, unix_seconds now,
                                   const scrypt_cost& cost = recommended_scrypt_cost);

}  // namespace pedalpower::domain
