#include "pedalpower/domain/users.hpp"

#include <array>
#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "listing/list_query.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/error.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::string_view user_columns =
    "id, username, display_name, role, active, created_at, email, site_id, report_packs";
constexpr int password_hash_column = 9;

user read_user(const db::statement& row)
{
  return {row.get_int(0),  row.get_text(1), row.get_text(2),          row.get_text(3),         row.get_int(4) != 0,
          row.get_int(5), row.get_text(6), row.get_optional_int(7), row.get_int(8) != 0};
}

std::optional<problem> check_role(const std::string& role)
{
  if (std::find(user_roles.begin(), user_roles.end(), role) == user_roles.end()) {
    return invalid("role", "role must be coordinator, technician or reporter");
  }
  return std::nullopt;
}

std::optional<problem> check_user_site(db::connection& db, std::optional<std::int64_t> site_id)
{
  if (!site_id) return std::nullopt;
  auto& site = db.query("SELECT 1 FROM sites WHERE id = ?1", *site_id);
  const bool known = site.step();
  site.reset();
  if (!known) return invalid("site_id", "no site has that id");
  return std::nullopt;
}

std::optional<problem> check_report_packs(const std::string& role, bool report_packs)
{
  if (report_packs && role == "technician") return invalid("report_packs", "technicians are not sent the report packs");
  return std::nullopt;
}

std::optional<problem> check_email(const std::string& email)
{
  if (!email.empty() && !is_email_shape(email)) return invalid("email", "an email address looks like name@example.nhs.uk");
  return std::nullopt;
}

nlohmann::json audit_state(const user& account)
{
  return {{"username", account.username},
          {"display_name", account.display_name},
          {"role", account.role},
          {"active", account.active},
          {"email", account.email},
          {"site_id", account.site_id ? nlohmann::json(*account.site_id) : nlohmann::json()},
          {"report_packs", account.report_packs}};
}

bool username_character(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'; }

}  // namespace

void to_json(nlohmann::json& out, const user& value)
{
  out = {{"id", value.id},           {"username", value.username}, {"display_name", value.display_name},
         {"role", value.role},       {"active", value.active},     {"created_at", iso8601(value.created_at)},
         {"email", value.email},     {"site_id", value.site_id ? nlohmann::json(*value.site_id) : nlohmann::json()},
         {"report_packs", value.report_packs}};
}

std::string canonical_username(std::string_view typed) { return lower_case(trimmed(typed)); }

std::optional<problem> check_new_user(const new_user& candidate)
{
  const auto& name = candidate.username;
  if (name.size() < 3 || name.size() > 64 || !std::all_of(name.begin(), name.end(), username_character)) {
    return invalid("username", "a username is 3 to 64 characters: lower-case letters, digits, '.', '_' or '-'");
  }
  const auto display = trimmed(candidate.display_name);
  if (display.empty() || display.size() > 100) return invalid("display_name", "a display name is 1 to 100 characters");
  return check_role(candidate.role);
}

std::optional<problem> check_user_contact(db::connection& db, const user_contact& contact)
{
  if (auto rejected = check_email(trimmed(contact.email))) return rejected;
  return check_user_site(db, contact.site_id);
}

outcome<user> create_user(db::connection& db, const actor& who, unix_seconds now, const new_user& details,
                          const std::string& password_hash, const user_contact& contact)
{
  if (auto rejected = check_new_user(details)) return *rejected;
  if (auto rejected = check_user_contact(db, contact)) return *rejected;
  const bool report_packs = contact.report_packs.value_or(details.role == "reporter");
  if (auto rejected = check_report_packs(details.role, report_packs)) return *rejected;
  user created{0,   details.username,       trimmed(details.display_name), details.role, true,
               now, trimmed(contact.email), contact.site_id,               report_packs};
  try {
    db.run("INSERT INTO users(username, display_name, role, password_hash, active, created_at, email, site_id,"
           " report_packs) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7, ?8)",
           created.username, created.display_name, created.role, password_hash, now, created.email, created.site_id,
           created.report_packs);
  } catch (const db::constraint_error&) {
    return conflict("username_taken", "the username " + created.username + " is already in use", "username");
  }
  created.id = db.last_insert_rowid();
  record_audit(db, who, now, "create", "user", std::to_string(created.id), std::nullopt, audit_state(created));
  return created;
}

outcome<user> find_user(db::connection& db, std::int64_t id)
{
  auto& row = db.query("SELECT " + std::string(user_columns) + " FROM users WHERE id = ?1", id);
  if (!row.step()) return not_found("user_not_found", "no user with id " + std::to_string(id), "id");
  auto found = read_user(row);
  row.reset();
  return found;
}

outcome<list_page<user>> list_users(db::connection& db, const user_filter& filter, const page_request& wanted)
{
  static constexpr std::array<sort_key, 5> keys{{{"username", "username"},
                                                 {"display_name", "display_name"},
                                                 {"role", "role"},
                                                 {"created_at", "created_at"},
                                                 {"id", "id"}}};
  list_query query{"SELECT " + std::string(user_columns) + " FROM users"};
  query.where_if(filter.role, "role = ?");
  if (filter.active) query.where("active = ?", {std::int64_t{*filter.active}});
  return fetch_page<user>(db, query, wanted, keys, "username", [](db::statement& rows) {
    std::vector<user> found;
    while (rows.step()) found.push_back(read_user(rows));
    return found;
  });
}

std::optional<sign_in_candidate> find_sign_in_candidate(db::connection& db, const std::string& username)
{
  auto& row = db.query("SELECT " + std::string(user_columns) + ", password_hash FROM users WHERE username = ?1 AND active = 1",
                       username);
  if (!row.step()) return std::nullopt;
  sign_in_candidate found{read_user(row), row.get_text(password_hash_column)};
  row.reset();
  return found;
}

outcome<user> set_user_active(db::connection& db, const actor& who, unix_seconds now, std::int64_t id, bool active)
{
  auto found = find_user(db, id);
  if (!found || found->active == active) return found;
  const auto before = audit_state(found.value());
  db.run("UPDATE users SET active = ?2 WHERE id = ?1", id, active);
  if (!active) db.run("DELETE FROM user_sessions WHERE user_id = ?1", id);
  auto after = std::move(found).value();
  after.active = active;
  record_audit(db, who, now, active ? "reactivate" : "deactivate", "user", std::to_string(id), before,
               audit_state(after));
  return after;
}

std::optional<problem> check_acting_coordinator(db::connection& db, std::int64_t user_id)
{
  const auto acting = find_user(db, user_id);
  if (acting && acting->active && acting->role == "coordinator") return std::nullopt;
  return problem{problem_kind::forbidden, "not_a_coordinator", "only an active coordinator changes accounts", ""};
}

outcome<user> change_user(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                          const user_changes& changes, std::int64_t acting_user_id)
{
  auto found = find_user(db, id);
  if (!found) return found;
  auto after = found.value();
  if (changes.role) {
    if (auto rejected = check_role(*changes.role)) return *rejected;
    after.role = *changes.role;
    if (after.role == "technician" && !changes.report_packs) after.report_packs = false;
  }
  if (changes.email) after.email = trimmed(*changes.email);
  if (changes.report_packs) after.report_packs = *changes.report_packs;
  if (changes.site_id) after.site_id = *changes.site_id;
  if (auto rejected = check_email(after.email)) return *rejected;
  if (auto rejected = check_report_packs(after.role, after.report_packs)) return *rejected;
  if (auto rejected = check_user_site(db, after.site_id)) return *rejected;
  // The author is an active coordinator other than the one changed, so one always remains.
  if (auto rejected = check_acting_coordinator(db, acting_user_id)) return *rejected;
  const bool stays_active = changes.active.value_or(found->active);
  if (id == acting_user_id && !stays_active) {
    return conflict("cannot_deactivate_self", "ask another coordinator to deactivate your account", "active");
  }
  if (id == acting_user_id && after.role != found->role) {
    return conflict("cannot_change_own_role", "ask another coordinator to change your role", "role");
  }
  if (after.role != found->role || after.email != found->email || after.report_packs != found->report_packs ||
      after.site_id != found->site_id) {
    db.run("UPDATE users SET role = ?2, email = ?3, report_packs = ?4, site_id = ?5 WHERE id = ?1", id, after.role,
           after.email, after.report_packs, after.site_id);
    // A change of role changes what someone may do: it stands apart in the log, to be found by itself.
    const auto action = after.role != found->role ? "change_role" : "update";
    record_audit(db, who, now, action, "user", std::to_string(id), audit_state(found.value()), audit_state(after));
  }
  if (stays_active == found->active) return after;
  return set_user_active(db, who, now, id, stays_active);
}

outcome<done> set_user_password(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                const std::string& password_hash, const std::string& keep_session)
{
  const auto found = find_user(db, id);
  if (!found) return found.error();
  db.run("UPDATE users SET password_hash = ?2 WHERE id = ?1", id, password_hash);
  const int ended = db.run("DELETE FROM user_sessions WHERE user_id = ?1 AND token_hash <> ?2", id, keep_session);
  // The hashes themselves never enter the audit log; that the password changed is what matters.
  record_audit(db, who, now, "set_password", "user", std::to_string(id), std::nullopt,
               nlohmann::json{{"password", "changed"}, {"sessions_ended", ended}});
  return done{};
}

std::string demo_coordinator_login(db::connection& db, unix_seconds now, const scrypt_cost& cost)
{
  const actor demo{"system:demo"};
  auto password = random_token(18);
  auto hash = hash_secret(password, cost);
  auto& row = db.query("SELECT " + std::string(user_columns) + " FROM users WHERE username = 'coordinator'");
  const auto existing = row.step() ? std::optional(read_user(row)) : std::nullopt;
  row.reset();
  if (existing) {
    // Someone may have demoted or deactivated the demo account while trying the admin: the login
    // printed at start works again as a coordinator.
    if (existing->role != "coordinator" || !existing->active) {
      auto restored = *existing;
      restored.role = "coordinator";
      restored.active = true;
      db.run("UPDATE users SET role = 'coordinator', active = 1 WHERE id = ?1", existing->id);
      record_audit(db, demo, now, "update", "user", std::to_string(existing->id), audit_state(*existing),
                   audit_state(restored));
    }
    const auto reset = set_user_password(db, demo, now, existing->id, hash);
    if (!reset) throw std::runtime_error(reset.error().message);
    return password;
  }
  const auto created = create_user(db, demo, now, {"coordinator", "Demo coordinator", "coordinator"}, hash);
  if (!created) throw std::runtime_error(created.error().message);
  return password;
}

}  // namespace pedalpower::domain
