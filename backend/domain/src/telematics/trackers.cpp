#include "pedalpower/domain/trackers.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "listing/list_query.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::string_view select_tracker =
    "SELECT t.id, t.device_id, t.note, t.active, t.created_at, a.bike_id, t.secret_digest IS NOT NULL FROM trackers t"
    " LEFT JOIN tracker_assignments a ON a.tracker_id = t.id AND a.removed_at IS NULL";

constexpr std::size_t max_device_id_length = 64;
constexpr std::size_t max_note_length = 500;

tracker read_tracker(const db::statement& row)
{
  tracker found;
  row.read(found.id, found.device_id, found.note, found.active, found.created_at, found.bike_id, found.has_secret);
  return found;
}

/// The bike exists and carries no tracker other than `own_tracker_id`.
std::optional<problem> check_bike_free(db::connection& db, std::int64_t bike_id, std::int64_t own_tracker_id)
{
  if (const auto found = find_bike(db, bike_id); !found) {
    auto missing = found.error();
    missing.field = "bike_id";
    return missing;
  }
  auto& fitted = db.query("SELECT tracker_id FROM tracker_assignments WHERE bike_id = ?1 AND removed_at IS NULL", bike_id);
  const bool carries_other = fitted.step() && fitted.get_int(0) != own_tracker_id;
  fitted.reset();
  if (carries_other) {
    return conflict("bike_has_tracker", "bike " + std::to_string(bike_id) + " already carries a tracker; take it off first",
                    "bike_id");
  }
  return std::nullopt;
}

void take_off_bike(db::connection& db, unix_seconds now, std::int64_t tracker_id)
{
  db.run("UPDATE tracker_assignments SET removed_at = ?2 WHERE tracker_id = ?1 AND removed_at IS NULL", tracker_id, now);
}

void fit_to_bike(db::connection& db, unix_seconds now, std::int64_t tracker_id, std::int64_t bike_id)
{
  db.run("INSERT INTO tracker_assignments(tracker_id, bike_id, fitted_at) VALUES (?1, ?2, ?3)", tracker_id, bike_id, now);
}

}  // namespace

void to_json(nlohmann::json& out, const tracker& value)
{
  out = {{"id", value.id},
         {"device_id", value.device_id},
         {"note", value.note},
         {"active", value.active},
         {"bike_id", value.bike_id ? nlohmann::json(*value.bike_id) : nlohmann::json()},
         {"created_at", iso8601(value.created_at)},
         {"has_secret", value.has_secret}};
}

void to_json(nlohmann::json& out, const issued_tracker_secret& value)
{
  to_json(out, value.fitted);
  out["secret"] = value.secret;
}

outcome<issued_tracker_secret> issue_tracker_secret(db::connection& db, const actor& who, unix_seconds now,
                                                    std::int64_t tracker_id)
{
  const auto current = find_tracker(db, tracker_id);
  if (!current) return current.error();
  if (!current->active) return conflict("tracker_inactive", "a deactivated tracker takes no secret");
  auto secret = random_token();
  db::savepoint unit(db, "issue_tracker_secret");
  db.run("UPDATE trackers SET secret_digest = ?2 WHERE id = ?1", tracker_id, token_digest(secret));
  auto issued = find_tracker(db, tracker_id);
  record_edit(db, who, now, "tracker.secret", "tracker", current.value(), issued.value());
  unit.commit();
  return issued_tracker_secret{std::move(issued).value(), std::move(secret)};
}

outcome<tracker> clear_tracker_secret(db::connection& db, const actor& who, unix_seconds now, std::int64_t tracker_id)
{
  const auto current = find_tracker(db, tracker_id);
  if (!current || !current->has_secret) return current;
  db::savepoint unit(db, "clear_tracker_secret");
  db.run("UPDATE trackers SET secret_digest = NULL WHERE id = ?1", tracker_id);
  auto cleared = find_tracker(db, tracker_id);
  record_edit(db, who, now, "tracker.secret_clear", "tracker", current.value(), cleared.value());
  unit.commit();
  return cleared;
}

void to_json(nlohmann::json& out, const refused_sender& value)
{
  out = {{"device_id", value.device_id},
         {"reason", value.reason},
         {"fixes", value.fixes},
         {"last_at", iso8601(value.last_at)}};
}

std::vector<refused_sender> list_refused_senders(db::connection& db)
{
  std::vector<refused_sender> senders;
  auto& rows = db.query("SELECT device_id, reason, fixes, last_at FROM refused_senders ORDER BY last_at DESC, device_id");
  while (rows.step()) senders.push_back({rows.get_text(0), rows.get_text(1), rows.get_int(2), rows.get_int(3)});
  return senders;
}

outcome<tracker> find_tracker(db::connection& db, std::int64_t tracker_id)
{
  auto& row = db.query(std::string(select_tracker) + " WHERE t.id = ?1", tracker_id);
  if (!row.step()) return not_found("tracker_not_found", "there is no tracker " + std::to_string(tracker_id));
  auto found = read_tracker(row);
  row.reset();
  return found;
}

outcome<list_page<tracker>> list_trackers(db::connection& db, const tracker_filter& filter, const page_request& wanted)
{
  static constexpr std::array<sort_key, 3> keys{
      {{"device_id", "t.device_id"}, {"created_at", "t.created_at"}, {"id", "t.id"}}};
  list_query query{std::string(select_tracker)};
  query.where_if(filter.bike_id, "a.bike_id = ?");
  if (filter.active) query.where("t.active = ?", {std::int64_t{*filter.active}});
  return fetch_page<tracker>(
      db, query, wanted, keys, "t.device_id",
      [](db::statement& rows) {
        std::vector<tracker> trackers;
        while (rows.step()) trackers.push_back(read_tracker(rows));
        return trackers;
      },
      "t.id");
}

outcome<issued_tracker_secret> register_tracker(db::connection& db, const actor& who, unix_seconds now,
                                                const new_tracker& details)
{
  const auto device_id = trimmed(details.device_id);
  const auto note = trimmed(details.note);
  if (device_id.empty() || device_id.size() > max_device_id_length || !is_visible_ascii(device_id)) {
    return invalid("device_id", "a device id is 1 to 64 letters, digits or symbols without spaces, as the device sends it");
  }
  if (note.size() > max_note_length) return invalid("note", "a note is at most 500 characters");
  auto& existing = db.query("SELECT 1 FROM trackers WHERE device_id = ?1", device_id);
  const bool taken = existing.step();
  existing.reset();
  if (taken) return conflict("device_id_taken", "a tracker with device id " + device_id + " is already registered", "device_id");
  if (details.bike_id) {
    if (auto busy = check_bike_free(db, *details.bike_id, 0)) return *busy;
  }

  auto secret = random_token();
  db::savepoint unit(db, "register_tracker");
  db.run("INSERT INTO trackers(device_id, note, created_at, secret_digest) VALUES (?1, ?2, ?3, ?4)", device_id, note,
         now, token_digest(secret));
  const auto tracker_id = db.last_insert_rowid();
  if (details.bike_id) fit_to_bike(db, now, tracker_id, *details.bike_id);
  auto registered = find_tracker(db, tracker_id);
  record_creation(db, who, now, "tracker.register", "tracker", registered.value());
  unit.commit();
  return issued_tracker_secret{std::move(registered).value(), std::move(secret)};
}

outcome<tracker> assign_tracker(db::connection& db, const actor& who, unix_seconds now, std::int64_t tracker_id,
                                std::optional<std::int64_t> bike_id)
{
  const auto current = find_tracker(db, tracker_id);
  if (!current) return current;
  if (current->bike_id == bike_id) return current;
  if (bike_id) {
    if (!current->active) return conflict("tracker_inactive", "a deactivated tracker cannot be fitted to a bike");
    if (auto busy = check_bike_free(db, *bike_id, tracker_id)) return *busy;
  }

  db::savepoint unit(db, "assign_tracker");
  take_off_bike(db, now, tracker_id);
  if (bike_id) fit_to_bike(db, now, tracker_id, *bike_id);
  auto moved = find_tracker(db, tracker_id);
  record_edit(db, who, now, "tracker.assign", "tracker", current.value(), moved.value());
  unit.commit();
  return moved;
}

outcome<tracker> deactivate_tracker(db::connection& db, const actor& who, unix_seconds now, std::int64_t tracker_id)
{
  const auto current = find_tracker(db, tracker_id);
  if (!current || !current->active) return current;

  db::savepoint unit(db, "deactivate_tracker");
  take_off_bike(db, now, tracker_id);
  db.run("UPDATE trackers SET active = 0 WHERE id = ?1", tracker_id);
  auto retired = find_tracker(db, tracker_id);
  record_edit(db, who, now, "tracker.deactivate", "tracker", current.value(), retired.value());
  unit.commit();
  return retired;
}

}  // namespace pedalpower::domain
