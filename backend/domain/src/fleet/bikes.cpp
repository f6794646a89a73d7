#include "pedalpower/domain/bikes.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/sites.hpp"
#include "pedalpower/domain/work_orders.hpp"
#include "listing/list_query.hpp"
#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::string_view select_bike =
    "SELECT id, asset_tag, frame_number, make, model, battery_serial, site_id, odometer_m, status, status_note, "
    "updated_at FROM bikes";

constexpr std::int64_t max_odometer_m = 1'000'000'000;  // a million kilometres: beyond any bike's life
constexpr std::size_t max_note_length = 500;

bike read_bike(const db::statement& row)
{
  bike found;
  row.read(found.id, found.asset_tag, found.frame_number, found.make, found.model, found.battery_serial,
           found.site_id, found.odometer_m);
  // The schema's CHECK constraint admits only statuses bike_status knows.
  found.status = bike_status_from_string(row.get_text(8)).value();
  found.status_note = row.get_text(9);
  found.updated_at = row.get_int(10);
  return found;
}

std::vector<bike> read_bikes(db::statement& rows)
{
  std::vector<bike> bikes;
  while (rows.step()) bikes.push_back(read_bike(rows));
  return bikes;
}

// Only the filters given go into the SQL, so SQLite looks bikes up in bikes_by_site_status.
list_query bike_query(const bike_filter& filter)
{
  list_query query{std::string(select_bike)};
  query.where_if(filter.site_id, "site_id = ?");
  if (filter.status) query.where("status = ?", {std::string(to_string(*filter.status))});
  if (filter.make && !trimmed(*filter.make).empty()) query.where("make = ? COLLATE NOCASE", {trimmed(*filter.make)});
  if (filter.search && !trimmed(*filter.search).empty()) {
    const auto pattern = like_pattern(trimmed(*filter.search));
    query.where("asset_tag LIKE ? ESCAPE '\\' OR frame_number LIKE ? ESCAPE '\\' OR battery_serial LIKE ? ESCAPE '\\'",
                {pattern, pattern, pattern});
  }
  return query;
}

outcome<bike> find_one(db::connection& db, std::string_view where, const auto& key, const std::string& described)
{
  auto& row = db.query(std::string(select_bike) + std::string(where), key);
  if (!row.step()) return not_found("bike_not_found", "there is no bike " + described);
  auto found = read_bike(row);
  row.reset();
  return found;
}

bool all_of_chars(std::string_view text, auto allowed)
{
  for (const char c : text) {
    if (!allowed(c)) return false;
  }
  return true;
}

problem odometer_out_of_range() { return invalid("odometer_m", "an odometer reading is 0 to 1,000,000,000 metres"); }

problem odometer_going_back(std::int64_t current_m)
{
  return conflict("odometer_would_decrease", "the odometer reads " + std::to_string(current_m) + " m and never goes back",
                  "odometer_m");
}

bool is_capital(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_asset_tag(std::string_view tag)
{
  const auto hyphen = tag.find('-');
  if (hyphen == std::string_view::npos) return false;
  const auto letters = tag.substr(0, hyphen);
  const auto digits = tag.substr(hyphen + 1);
  return letters.size() >= 2 && letters.size() <= 5 && all_of_chars(letters, is_capital) && digits.size() >= 3 &&
         digits.size() <= 6 && all_of_chars(digits, is_digit);
}

bool is_frame_number(std::string_view number)
{
  return number.size() >= 4 && number.size() <= 40 &&
         all_of_chars(number, [](char c) { return is_capital(c) || is_digit(c) || c == '-'; });
}

bool taken(db::connection& db, std::string_view sql, const std::string& value, std::int64_t own_id)
{
  auto& match = db.query(sql, value, own_id);
  const bool found = match.step();
  match.reset();
  return found;
}

/// Tidies `details` in place and returns the first rule it breaks, if any.
std::optional<problem> check_bike(db::connection& db, bike_details& details, std::int64_t own_id)
{
  details.asset_tag = upper_case(trimmed(details.asset_tag));
  details.frame_number = upper_case(trimmed(details.frame_number));
  details.make = trimmed(details.make);
  details.model = trimmed(details.model);
  if (details.battery_serial) {
    details.battery_serial = trimmed(*details.battery_serial);
    if (details.battery_serial->empty()) details.battery_serial.reset();
  }

  if (!is_asset_tag(details.asset_tag)) {
    return invalid("asset_tag", "an asset tag is 2-5 letters, a hyphen and 3-6 digits, e.g. EB-0042");
  }
  if (!is_frame_number(details.frame_number)) {
    return invalid("frame_number", "a frame number is 4 to 40 letters, digits or hyphens");
  }
  if (details.make.empty() || details.make.size() > 60) return invalid("make", "a make is 1 to 60 characters");
  if (details.model.empty() || details.model.size() > 60) return invalid("model", "a model is 1 to 60 characters");
  if (details.battery_serial && (details.battery_serial->size() > 60 || !is_visible_ascii(*details.battery_serial))) {
    return invalid("battery_serial", "a battery serial is up to 60 letters, digits or symbols without spaces");
  }
  if (details.odometer_m < 0 || details.odometer_m > max_odometer_m) return odometer_out_of_range();
  if (!find_site(db, details.site_id)) return invalid("site_id", "there is no such site", "unknown_site");
  if (taken(db, "SELECT 1 FROM bikes WHERE asset_tag = ?1 AND id <> ?2", details.asset_tag, own_id)) {
    return conflict("asset_tag_taken", "another bike already has the tag " + details.asset_tag, "asset_tag");
  }
  if (taken(db, "SELECT 1 FROM bikes WHERE frame_number = ?1 AND id <> ?2", details.frame_number, own_id)) {
    return conflict("frame_number_taken", "another bike already has frame number " + details.frame_number,
                    "frame_number");
  }
  return std::nullopt;
}

outcome<done> apply_status_change(db::connection& db, const actor& who, unix_seconds now, const bike& current,
                                  bike_status new_status, const std::string& note)
{
  if (note.size() > max_note_length) return invalid("note", "a note is at most 500 characters");
  if (!is_allowed_transition(current.status, new_status)) {
    return conflict("status_transition_not_allowed", "a bike that is " + std::string(to_string(current.status)) +
                                                         " cannot become " + std::string(to_string(new_status)),
                    "status");
  }
  bike after = current;
  after.status = new_status;
  after.status_note = trimmed(note);
  after.updated_at = now;
  db::savepoint unit(db, "change_bike_status");
  db.run("UPDATE bikes SET status = ?1, status_note = ?2, updated_at = ?3 WHERE id = ?4", to_string(new_status),
         after.status_note, now, current.id);
  record_edit(db, who, now, "bike.status", "bike", current, after);
  unit.commit();
  return done{};
}

}  // namespace

void to_json(nlohmann::json& out, const bike& value)
{
  out = {{"id", value.id},
         {"asset_tag", value.asset_tag},
         {"frame_number", value.frame_number},
         {"make", value.make},
         {"model", value.model},
         {"battery_serial", value.battery_serial ? nlohmann::json(*value.battery_serial) : nlohmann::json()},
         {"site_id", value.site_id},
         {"odometer_m", value.odometer_m},
         {"status", to_string(value.status)},
         {"status_note", value.status_note},
         {"updated_at", iso8601(value.updated_at)}};
}

outcome<bike> find_bike(db::connection& db, std::int64_t id)
{
  return find_one(db, " WHERE id = ?1", id, std::to_string(id));
}

outcome<bike> find_bike_by_tag(db::connection& db, const std::string& asset_tag)
{
  const auto tag = upper_case(trimmed(asset_tag));
  return find_one(db, " WHERE asset_tag = ?1", tag, tag);
}

std::vector<bike> list_bikes(db::connection& db, const bike_filter& filter)
{
  return read_bikes(bike_query(filter).rows(db, " ORDER BY asset_tag"));
}

outcome<list_page<bike>> list_bikes(db::connection& db, const bike_filter& filter, const page_request& wanted)
{
  static constexpr std::array<sort_key, 9> keys{{{"asset_tag", "asset_tag"},
                                                 {"frame_number", "frame_number"},
                                                 {"make", "make"},
                                                 {"model", "model"},
                                                 {"status", "status"},
                                                 {"site_id", "site_id"},
                                                 {"odometer_m", "odometer_m"},
                                                 {"updated_at", "updated_at"},
                                                 {"id", "id"}}};
  return fetch_page<bike>(db, bike_query(filter), wanted, keys, "asset_tag", read_bikes);
}

outcome<bike> create_bike(db::connection& db, const actor& who, unix_seconds now, bike_details details)
{
  if (auto broken = check_bike(db, details, 0)) return *broken;
  db::savepoint unit(db, "create_bike");
  db.run("INSERT INTO bikes(asset_tag, frame_number, make, model, battery_serial, site_id, odometer_m, created_at, "
         "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
         details.asset_tag, details.frame_number, details.make, details.model, details.battery_serial, details.site_id,
         details.odometer_m, now);
  const bike created{std::move(details), db.last_insert_rowid(), bike_status::available, {}, now};
  record_creation(db, who, now, "bike.create", "bike", created);
  unit.commit();
  return created;
}

outcome<bike> update_bike(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                          bike_details details)
{
  auto before = find_bike(db, id);
  if (!before) return before.error();
  if (auto broken = check_bike(db, details, id)) return *broken;
  if (details.odometer_m < before->odometer_m) return odometer_going_back(before->odometer_m);
  if (details.site_id != before->site_id && is_loan_managed(before->status)) {
    return conflict("bike_in_use", "a bike that is reserved or on loan cannot move to another site", "site_id");
  }
  bike after = before.value();
  static_cast<bike_details&>(after) = std::move(details);
  after.updated_at = now;
  db::savepoint unit(db, "update_bike");
  db.run("UPDATE bikes SET asset_tag = ?1, frame_number = ?2, make = ?3, model = ?4, battery_serial = ?5, "
         "site_id = ?6, odometer_m = ?7, updated_at = ?8 WHERE id = ?9",
         after.asset_tag, after.frame_number, after.make, after.model, after.battery_serial, after.site_id,
         after.odometer_m, now, id);
  record_edit(db, who, now, "bike.update", "bike", before.value(), after);
  unit.commit();
  return after;
}

outcome<done> change_bike_status(db::connection& db, const actor& who, unix_seconds now, std::int64_t bike_id,
                                 bike_status new_status, const std::string& note)
{
  const auto current = find_bike(db, bike_id);
  if (!current) return current.error();
  return apply_status_change(db, who, now, current.value(), new_status, note);
}

outcome<done> change_bike_status_by_hand(db::connection& db, const actor& who, unix_seconds now,
                                         std::int64_t bike_id, bike_status new_status, const std::string& note)
{
  const auto current = find_bike(db, bike_id);
  if (!current) return current.error();
  if (is_loan_managed(current->status) || is_loan_managed(new_status)) {
    return conflict("status_managed_by_loans",
                    "reserved and on-loan statuses change only through reservations, check-outs and returns",
                    "status");
  }
  // Only a technician's sign-off of the safety work makes such a bike lendable again.
  if (new_status == bike_status::available && has_open_safety_work(db, bike_id)) {
    return conflict("bike_awaiting_safety_check",
                    "this bike has a safety fault open; it becomes available when a technician signs the work off",
                    "status");
  }
  return apply_status_change(db, who, now, current.value(), new_status, note);
}

outcome<done> record_bike_odometer(db::connection& db, const actor& who, unix_seconds now, std::int64_t bike_id,
                                   std::int64_t odometer_m)
{
  const auto current = find_bike(db, bike_id);
  if (!current) return current.error();
  if (odometer_m < 0 || odometer_m > max_odometer_m) return odometer_out_of_range();
  if (odometer_m < current->odometer_m) return odometer_going_back(current->odometer_m);
  if (odometer_m == current->odometer_m) return done{};
  db::savepoint unit(db, "record_bike_odometer");
  db.run("UPDATE bikes SET odometer_m = ?1, updated_at = ?2 WHERE id = ?3", odometer_m, now, bike_id);
  record_audit(db, who, now, "bike.odometer", "bike", std::to_string(bike_id),
               nlohmann::json{{"odometer_m", current->odometer_m}}, nlohmann::json{{"odometer_m", odometer_m}});
  unit.commit();
  return done{};
}

}  // namespace pedalpower::domain
