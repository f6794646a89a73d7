#include "pedalpower/domain/sites.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "listing/list_query.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::string_view select_site = "SELECT id, code, name, address FROM sites";

site read_site(const db::statement& row)
{
  site found;
  row.read(found.id, found.code, found.name, found.address);
  return found;
}

bool is_site_code(const std::string& code)
{
  if (code.size() < 2 || code.size() > 10) return false;
  for (const char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

/// Tidies `details` in place and returns the first rule it breaks, if any.
std::optional<problem> check_site(db::connection& db, site_details& details, std::int64_t own_id)
{
  details.code = upper_case(trimmed(details.code));
  details.name = trimmed(details.name);
  details.address = trimmed(details.address);
  if (!is_site_code(details.code)) return invalid("code", "a site code is 2 to 10 letters or digits, e.g. BAS");
  if (details.name.empty() || details.name.size() > 120) return invalid("name", "a site name is 1 to 120 characters");
  if (details.address.size() > 500) return invalid("address", "an address is at most 500 characters");

  auto& taken = db.query("SELECT id FROM sites WHERE code = ?1 AND id <> ?2", details.code, own_id);
  const bool clash = taken.step();
  taken.reset();
  if (clash) return conflict("site_code_taken", "another site already uses the code " + details.code, "code");
  return std::nullopt;
}

}  // namespace

void to_json(nlohmann::json& out, const site& value)
{
  out = {{"id", value.id}, {"code", value.code}, {"name", value.name}, {"address", value.address}};
}

outcome<site> find_site(db::connection& db, std::int64_t id)
{
  auto& row = db.query(std::string(select_site) + " WHERE id = ?1", id);
  if (!row.step()) return not_found("site_not_found", "there is no site " + std::to_string(id));
  auto found = read_site(row);
  row.reset();
  return found;
}

outcome<list_page<site>> list_sites(db::connection& db, const std::string& search, const page_request& wanted)
{
  static constexpr std::array<sort_key, 3> keys{{{"name", "name"}, {"code", "code"}, {"id", "id"}}};
  list_query query{std::string(select_site)};
  if (!trimmed(search).empty()) {
    const auto pattern = like_pattern(trimmed(search));
    query.where("code LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\'", {pattern, pattern});
  }
  return fetch_page<site>(db, query, wanted, keys, "name, id", [](db::statement& rows) {
    std::vector<site> sites;
    while (rows.step()) sites.push_back(read_site(rows));
    return sites;
  });
}

std::vector<site> list_sites(db::connection& db)
{
  std::vector<site> sites;
  auto& rows = db.query(std::string(select_site) + " ORDER BY name, id");
  while (rows.step()) sites.push_back(read_site(rows));
  return sites;
}

outcome<site> create_site(db::connection& db, const actor& who, unix_seconds now, site_details details)
{
  if (auto broken = check_site(db, details, 0)) return *broken;
  db::savepoint unit(db, "create_site");
  db.run("INSERT INTO sites(code, name, address, created_at) VALUES (?1, ?2, ?3, ?4)", details.code, details.name,
         details.address, now);
  site created{std::move(details)};
  created.id = db.last_insert_rowid();
  record_creation(db, who, now, "site.create", "site", created);
  unit.commit();
  return created;
}

outcome<site> update_site(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                          site_details details)
{
  auto before = find_site(db, id);
  if (!before) return before.error();
  if (auto broken = check_site(db, details, id)) return *broken;
  site after{std::move(details)};
  after.id = id;
  db::savepoint unit(db, "update_site");
  db.run("UPDATE sites SET code = ?1, name = ?2, address = ?3 WHERE id = ?4", after.code, after.name, after.address,
         id);
  record_edit(db, who, now, "site.update", "site", before.value(), after);
  unit.commit();
  return after;
}

}  // namespace pedalpower::domain
