#include "pedalpower/domain/devices.hpp"

#include <array>
#include <algorithm>

#include <nlohmann/json.hpp>

#include "listing/list_query.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/error.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::string_view device_columns = "id, name, role, site_id, active, created_at";

device read_device(const db::statement& row)
{
  return {row.get_int(0), row.get_text(1), row.get_text(2), row.get_optional_int(3), row.get_int(4) != 0, row.get_int(5)};
}

nlohmann::json site_json(const std::optional<std::int64_t>& site_id)
{
  return site_id ? nlohmann::json(*site_id) : nlohmann::json();
}

nlohmann::json audit_state(const device& machine)
{
  return {{"name", machine.name}, {"role", machine.role}, {"site_id", site_json(machine.site_id)}, {"active", machine.active}};
}

std::optional<std::string> site_code(db::connection& db, std::int64_t site_id)
{
  auto& row = db.query("SELECT code FROM sites WHERE id = ?1", site_id);
  if (!row.step()) return std::nullopt;
  auto code = row.get_text(0);
  row.reset();
  return code;
}

std::optional<problem> check_new_device(db::connection& db, const new_device& details)
{
  const auto& name = details.name;
  if (name.empty() || name.size() > 64 || !is_visible_ascii(name)) {
    return invalid("name", "a device name is 1 to 64 visible characters without spaces");
  }
  if (std::find(device_roles.begin(), device_roles.end(), details.role) == device_roles.end()) {
    return invalid("role", "role must be kiosk or telematics");
  }
  if (details.role == "kiosk" && !details.site_id) return invalid("site_id", "a kiosk belongs to a site", "required");
  if (details.site_id && !site_code(db, *details.site_id)) {
    return invalid("site_id", "no site with id " + std::to_string(*details.site_id), "unknown_site");
  }
  return std::nullopt;
}

}  // namespace

void to_json(nlohmann::json& out, const device& value)
{
  out = {{"id", value.id},         {"name", value.name},     {"role", value.role},
         {"site_id", site_json(value.site_id)}, {"active", value.active}, {"created_at", iso8601(value.created_at)}};
}

outcome<issued_device> register_device(db::connection& db, const actor& who, unix_seconds now, const new_device& details)
{
  if (auto rejected = check_new_device(db, details)) return *rejected;
  issued_device issued{{0, details.name, details.role, details.site_id, true, now}, random_token()};
  try {
    db.run("INSERT INTO devices(name, role, site_id, token_hash, active, created_at) VALUES (?1, ?2, ?3, ?4, 1, ?5)",
           details.name, details.role, details.site_id, token_digest(issued.token), now);
  } catch (const db::constraint_error&) {
    return conflict("device_name_taken", "a device named " + details.name + " already exists", "name");
  }
  issued.registered.id = db.last_insert_rowid();
  record_audit(db, who, now, "register", "device", std::to_string(issued.registered.id), std::nullopt,
               audit_state(issued.registered));
  return issued;
}

outcome<list_page<device>> list_devices(db::connection& db, const device_filter& filter, const page_request& wanted)
{
  static constexpr std::array<sort_key, 5> keys{
      {{"name", "name"}, {"role", "role"}, {"site_id", "site_id"}, {"created_at", "created_at"}, {"id", "id"}}};
  list_query query{"SELECT " + std::string(device_columns) + " FROM devices"};
  query.where_if(filter.role, "role = ?");
  query.where_if(filter.site_id, "site_id = ?");
  if (filter.active) query.where("active = ?", {std::int64_t{*filter.active}});
  return fetch_page<device>(db, query, wanted, keys, "name", [](db::statement& rows) {
    std::vector<device> found;
    while (rows.step()) found.push_back(read_device(rows));
    return found;
  });
}

outcome<device> find_device(db::connection& db, std::int64_t id)
{
  auto& row = db.query("SELECT " + std::string(device_columns) + " FROM devices WHERE id = ?1", id);
  if (!row.step()) return not_found("device_not_found", "no device with id " + std::to_string(id), "id");
  auto found = read_device(row);
  row.reset();
  return found;
}

std::optional<device> find_device_by_token(db::connection& db, std::string_view token)
{
  auto& row = db.query("SELECT " + std::string(device_columns) + " FROM devices WHERE token_hash = ?1 AND active = 1",
                       token_digest(token));
  if (!row.step()) return std::nullopt;
  auto found = read_device(row);
  row.reset();
  return found;
}

outcome<device> set_device_active(db::connection& db, const actor& who, unix_seconds now, std::int64_t id, bool active)
{
  auto found = find_device(db, id);
  if (!found || found->active == active) return found;
  const auto before = audit_state(found.value());
  db.run("UPDATE devices SET active = ?2 WHERE id = ?1", id, active);
  auto after = std::move(found).value();
  after.active = active;
  record_audit(db, who, now, active ? "reactivate" : "deactivate", "device", std::to_string(id), before,
               audit_state(after));
  return after;
}

outcome<issued_device> rotate_device_token(db::connection& db, const actor& who, unix_seconds now, std::int64_t id)
{
  auto found = find_device(db, id);
  if (!found) return found.error();
  if (!found->active) return conflict("device_inactive", "a deactivated device cannot get a new token");
  issued_device issued{std::move(found).value(), random_token()};
  db.run("UPDATE devices SET token_hash = ?2 WHERE id = ?1", id, token_digest(issued.token));
  record_audit(db, who, now, "rotate_token", "device", std::to_string(id), std::nullopt,
               nlohmann::json{{"token", "replaced"}});
  return issued;
}

outcome<std::string> issue_demo_kiosk_token(db::connection& db, unix_seconds now, std::int64_t site_id)
{
  const auto code = site_code(db, site_id);
  if (!code) return not_found("site_not_found", "no site with id " + std::to_string(site_id), "site_id");
  const actor demo{"system:demo"};
  const auto name = "kiosk-" + *code;
  auto& row = db.query("SELECT id FROM devices WHERE name = ?1", name);
  const auto existing = row.step() ? std::optional(row.get_int(0)) : std::nullopt;
  row.reset();
  if (existing) {
    auto rotated = rotate_device_token(db, demo, now, *existing);
    if (!rotated) return rotated.error();
    return std::move(rotated).value().token;
  }
  auto registered = register_device(db, demo, now, {name, "kiosk", site_id});
  if (!registered) return registered.error();
  return std::move(registered).value().token;
}

}  // namespace pedalpower::domain
