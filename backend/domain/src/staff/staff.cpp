#include "pedalpower/domain/staff.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/commute_mode.hpp"
#include "pedalpower/domain/pay_band.hpp"
#include "pedalpower/domain/sites.hpp"
#include "pedalpower/domain/waitlist.hpp"
#include "pedalpower/core/text_fields.hpp"
#include "listing/list_query.hpp"
#include "staff_rules.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::string_view select_staff =
    "SELECT id, staff_number, name, email, pay_band, department, home_site_id, induction_date, commute_mode, "
    "commute_car_occupancy, commute_distance_km, active, badge_id FROM staff";

constexpr double max_commute_km = 500;
constexpr int max_car_occupancy = 9;

staff_member read_staff(const db::statement& row)
{
  staff_member found;
  row.read(found.id, found.staff_number, found.name, found.email, found.pay_band, found.department,
           found.home_site_id, found.induction_date, found.commute_mode, found.commute_car_occupancy,
           found.commute_distance_km, found.active, found.badge_id);
  return found;
}

outcome<staff_member> find_one(db::connection& db, std::string_view where, const auto& key, const std::string& described)
{
  auto& row = db.query(std::string(select_staff) + std::string(where), key);
  if (!row.step()) return not_found("staff_not_found", "there is no staff member " + described);
  auto found = read_staff(row);
  row.reset();
  return found;
}

/// Empty text becomes nullopt; other text is trimmed.
void tidy_optional(std::optional<std::string>& text)
{
  if (!text) return;
  text = trimmed(*text);
  if (text->empty()) text.reset();
}

bool is_staff_number(std::string_view number)
{
  if (number.empty() || number.size() > 20) return false;
  for (const char c : number) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace

std::optional<problem> check_staff_fields(db::connection& db, unix_seconds now, staff_member& candidate)
{
  candidate.staff_number = upper_case(trimmed(candidate.staff_number));
  candidate.name = trimmed(candidate.name);
  candidate.email = trimmed(candidate.email);
  candidate.department = trimmed(candidate.department);
  tidy_optional(candidate.induction_date);
  tidy_optional(candidate.commute_mode);
  tidy_optional(candidate.badge_id);
  if (candidate.commute_mode) candidate.commute_mode = lower_case(*candidate.commute_mode);

  if (!is_staff_number(candidate.staff_number)) {
    return invalid("staff_number", "a staff number is 1 to 20 letters, digits or hyphens");
  }
  if (candidate.name.empty() || candidate.name.size() > 120) return invalid("name", "a name is 1 to 120 characters");
  if (!candidate.email.empty() && !is_email_shape(candidate.email)) {
    return invalid("email", "an email address looks like name@example.nhs.uk");
  }
  const auto band = normalise_pay_band(candidate.pay_band);
  if (!band) return invalid("pay_band", "a pay band is 1-9, 8a-8d, or other (not on Agenda for Change)", "unknown_pay_band");
  candidate.pay_band = std::string(*band);
  if (candidate.department.size() > 120) return invalid("department", "a department is at most 120 characters");
  if (candidate.home_site_id && !find_site(db, *candidate.home_site_id)) {
    return invalid("home_site_id", "there is no such site", "unknown_site");
  }
  if (candidate.induction_date) {
    if (!is_valid_date(*candidate.induction_date)) return invalid("induction_date", "a date is written YYYY-MM-DD");
    if (*candidate.induction_date > utc_date(now)) {
      return invalid("induction_date", "an induction date cannot be in the future");
    }
  }
  if (candidate.commute_mode && !is_commute_mode(*candidate.commute_mode)) {
    return invalid("commute_mode",
                   "a commute mode is one of car_petrol, car_diesel, car_hybrid, car_electric, bus, rail, walk, "
                   "cycle, none",
                   "unknown_commute_mode");
  }
  if (candidate.commute_car_occupancy < 1 || candidate.commute_car_occupancy > max_car_occupancy) {
    return invalid("commute_car_occupancy", "car occupancy is 1 to 9 people");
  }
  if (candidate.commute_distance_km &&
      (!std::isfinite(*candidate.commute_distance_km) || *candidate.commute_distance_km < 0 ||
       *candidate.commute_distance_km > max_commute_km)) {
    return invalid("commute_distance_km", "a one-way commute is 0 to 500 km");
  }
  if (candidate.badge_id && (candidate.badge_id->size() > 64 || !is_visible_ascii(*candidate.badge_id))) {
    return invalid("badge_id", "a badge id is 1 to 64 letters, digits or symbols without spaces");
  }
  return std::nullopt;
}

std::optional<problem> check_staff_unique(db::connection& db, const staff_member& candidate, std::int64_t own_id)
{
  auto& number = db.query("SELECT 1 FROM staff WHERE staff_number = ?1 AND id <> ?2", candidate.staff_number, own_id);
  const bool number_taken = number.step();
  number.reset();
  if (number_taken) {
    return conflict("staff_number_taken", "staff number " + candidate.staff_number + " is already on the list",
                    "staff_number");
  }
  if (!candidate.badge_id) return std::nullopt;
  auto& badge = db.query("SELECT 1 FROM staff WHERE badge_id = ?1 AND id <> ?2", *candidate.badge_id, own_id);
  const bool badge_taken = badge.step();
  badge.reset();
  if (badge_taken) return conflict("badge_taken", "that badge belongs to another staff member", "badge_id");
  return std::nullopt;
}

std::int64_t insert_staff(db::connection& db, const actor& who, unix_seconds now, const staff_member& candidate)
{
  db.run("INSERT INTO staff(staff_number, name, email, pay_band, department, home_site_id, induction_date, "
         "commute_mode, commute_car_occupancy, commute_distance_km, active, badge_id, created_at, updated_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
         candidate.staff_number, candidate.name, candidate.email, candidate.pay_band, candidate.department,
         candidate.home_site_id, candidate.induction_date, candidate.commute_mode, candidate.commute_car_occupancy,
         candidate.commute_distance_km, candidate.active, candidate.badge_id, now);
  staff_member created = candidate;
  created.id = db.last_insert_rowid();
  record_creation(db, who, now, "staff.create", "staff", created);
  return created.id;
}

void overwrite_staff(db::connection& db, const actor& who, unix_seconds now, const staff_member& before,
                     const staff_member& after)
{
  db.run("UPDATE staff SET staff_number = ?1, name = ?2, email = ?3, pay_band = ?4, department = ?5, "
         "home_site_id = ?6, induction_date = ?7, commute_mode = ?8, commute_car_occupancy = ?9, "
         "commute_distance_km = ?10, active = ?11, badge_id = ?12, updated_at = ?13 WHERE id = ?14",
         after.staff_number, after.name, after.email, after.pay_band, after.department, after.home_site_id,
         after.induction_date, after.commute_mode, after.commute_car_occupancy, after.commute_distance_km, after.active,
         after.badge_id, now, before.id);
  record_edit(db, who, now, "staff.update", "staff", before, after);
}

void leave_waitlists_on_leaving(db::connection& db, const actor& who, unix_seconds now, const staff_member& before,
                                const staff_member& after)
{
  if (before.active && !after.active) leave_every_waitlist(db, who, now, before.id);
}

void to_json(nlohmann::json& out, const staff_member& value)
{
  const auto or_null = [](const auto& optional) {
    return optional ? nlohmann::json(*optional) : nlohmann::json();
  };
  out = {{"id", value.id},
         {"staff_number", value.staff_number},
         {"name", value.name},
         {"email", value.email},
         {"pay_band", value.pay_band},
         {"department", value.department},
         {"home_site_id", or_null(value.home_site_id)},
         {"induction_date", or_null(value.induction_date)},
         {"commute_mode", or_null(value.commute_mode)},
         {"commute_car_occupancy", value.commute_car_occupancy},
         {"commute_distance_km", or_null(value.commute_distance_km)},
         {"active", value.active},
         {"badge_id", or_null(value.badge_id)}};
}

nlohmann::json audited(const staff_member& value)
{
  nlohmann::json kept = value;
  kept.erase("badge_id");
  kept["badge"] = value.badge_id ? nlohmann::json("set") : nlohmann::json();
  return kept;
}

outcome<staff_member> find_staff(db::connection& db, std::int64_t id)
{
  return find_one(db, " WHERE id = ?1", id, std::to_string(id));
}

outcome<staff_member> find_staff_by_number(db::connection& db, const std::string& staff_number)
{
  const auto number = upper_case(trimmed(staff_number));
  return find_one(db, " WHERE staff_number = ?1", number, number);
}

outcome<staff_member> create_staff(db::connection& db, const actor& who, unix_seconds now, staff_member draft)
{
  if (auto broken = check_staff_fields(db, now, draft)) return *broken;
  if (auto clash = check_staff_unique(db, draft, 0)) return *clash;
  db::savepoint unit(db, "create_staff");
  draft.id = insert_staff(db, who, now, draft);
  unit.commit();
  return draft;
}

outcome<staff_member> update_staff(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                   staff_member desired)
{
  const auto before = find_staff(db, id);
  if (!before) return before.error();
  desired.id = id;
  if (auto broken = check_staff_fields(db, now, desired)) return *broken;
  if (auto clash = check_staff_unique(db, desired, id)) return *clash;
  db::savepoint unit(db, "update_staff");
  overwrite_staff(db, who, now, before.value(), desired);
  leave_waitlists_on_leaving(db, who, now, before.value(), desired);
  unit.commit();
  return desired;
}

outcome<list_page<staff_member>> list_staff(db::connection& db, const staff_filter& filter, const page_request& wanted)
{
  static constexpr std::array<sort_key, 6> keys{{{"name", "name"},
                                                 {"staff_number", "staff_number"},
                                                 {"pay_band", "pay_band"},
                                                 {"home_site_id", "home_site_id"},
                                                 {"induction_date", "induction_date"},
                                                 {"id", "id"}}};
  list_query query{std::string(select_staff)};
  if (filter.pay_band) {
    const auto canonical = normalise_pay_band(*filter.pay_band);
    if (!canonical) return invalid("pay_band", "no such pay band", "unknown_pay_band");
    query.where("pay_band = ?", {std::string(*canonical)});
  }
  query.where_if(filter.home_site_id, "home_site_id = ?");
  if (filter.active) query.where("active = ?", {std::int64_t{*filter.active}});
  if (filter.inducted) query.where(*filter.inducted ? "induction_date IS NOT NULL" : "induction_date IS NULL");
  if (filter.search && !trimmed(*filter.search).empty()) {
    const auto pattern = like_pattern(trimmed(*filter.search));
    query.where("name LIKE ? ESCAPE '\\' OR staff_number LIKE ? ESCAPE '\\'", {pattern, pattern});
  }
  return fetch_page<staff_member>(db, query, wanted, keys, "name, id", [](db::statement& rows) {
    std::vector<staff_member> items;
    while (rows.step()) items.push_back(read_staff(rows));
    return items;
  });
}

std::vector<std::pair<std::string, std::int64_t>> count_active_staff_by_band(db::connection& db)
{
  std::vector<std::pair<std::string, std::int64_t>> counts;
  for (const auto band : pay_bands) counts.emplace_back(std::string(band), 0);
  auto& rows = db.query("SELECT pay_band, count(*) FROM staff WHERE active = 1 GROUP BY pay_band");
  while (rows.step()) {
    const auto band = rows.get_text(0);
    for (auto& [name, total] : counts) {
      if (name == band) total = rows.get_int(1);
    }
  }
  return counts;
}

}  // namespace pedalpower::domain
