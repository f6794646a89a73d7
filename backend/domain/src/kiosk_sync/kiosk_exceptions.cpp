#include "pedalpower/domain/kiosk_exceptions.hpp"

#include <array>
#include <algorithm>

#include "listing/list_query.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/faults.hpp"
#include "pedalpower/domain/notifications.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::string_view exception_columns =
    "SELECT id, device_id, idempotency_key, kind, bike_tag, staff_id, recorded_at, payload, refusal, reported_at, "
    "status, resolved_at, resolved_by, resolution_note FROM kiosk_exceptions ";

kiosk_exception read_exception(const db::statement& row)
{
  kiosk_exception found;
  row.read(found.id, found.device_id, found.idempotency_key, found.kind, found.bike_tag, found.staff_id,
           found.recorded_at);
  found.payload = nlohmann::json::parse(row.get_text(7));
  found.refusal = nlohmann::json::parse(row.get_text(8));
  row.read_from(9, found.reported_at, found.status, found.resolved_at, found.resolved_by, found.resolution_note);
  return found;
}

template <typename... Args>
std::vector<kiosk_exception> select_exceptions(db::connection& db, std::string_view where, const Args&... args)
{
  auto& rows = db.query(std::string(exception_columns) + std::string(where), args...);
  std::vector<kiosk_exception> found;
  while (rows.step()) found.push_back(read_exception(rows));
  rows.reset();
  return found;
}

std::optional<kiosk_exception> find_exception(db::connection& db, std::int64_t id)
{
  auto found = select_exceptions(db, "WHERE id = ?1", id);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

bool staff_exists(db::connection& db, std::int64_t staff_id)
{
  auto& row = db.query("SELECT 1 FROM staff WHERE id = ?1", staff_id);
  const bool exists = row.step();
  row.reset();
  return exists;
}

nlohmann::json audit_state(const kiosk_exception& value)
{
  return {{"status", value.status}, {"kind", value.kind}, {"bike_tag", value.bike_tag},
          {"resolution_note", value.resolution_note}};
}

/// The fault a refused return's payload carries, if it reads as one.
std::optional<fault_input> fault_in(const nlohmann::json& payload)
{
  const auto found = payload.find("fault");
  if (found == payload.end() || !found->is_object()) return std::nullopt;
  fault_input fault;
  fault.category =
      found->value("category", nlohmann::json()).is_string() ? found->at("category").get<std::string>() : "";
  if (const auto note = found->find("note"); note != found->end() && note->is_string())
    fault.note = note->get<std::string>();
  if (const auto safety = found->find("safety"); safety != found->end() && safety->is_boolean())
    fault.safety = safety->get<bool>();
  if (check_fault(fault)) return std::nullopt;
  return fault;
}

/// A return the server refused still told what is wrong with the bike brought back: its fault and
/// failed checks are filed on the bike now, so that a bike with bad brakes is not lent again while
/// a coordinator looks into why the return was refused.
void file_faults_told(db::connection& db, const actor& who, unix_seconds now, const kiosk_exception& refused,
                      const nlohmann::json& payload)
{
  if (refused.kind != "return" || !payload.is_object()) return;
  const auto bike_id = db.query_int("SELECT id FROM bikes WHERE asset_tag = ?1", refused.bike_tag);
  if (!bike_id) return;
  const auto condition = payload.value("condition", nlohmann::json::object());
  const std::string origin =
      "Told at a kiosk return the server refused (kiosk exception " + std::to_string(refused.id) + ")";
  for (auto told : faults_told_at_return(condition, fault_in(payload))) {
    const auto noted = origin + (told.note.empty() ? "" : ": " + told.note);
    if (noted.size() <= max_fault_note_length) told.note = noted;
    // Anywhere: the bike is where it was brought back, whichever kiosk's store that is. A fault that
    // cannot be filed is still in the exception, which a coordinator reads.
    (void)report_bike_fault(db, who, now, site_scope{}, bike_id, told);
  }
}

}  // namespace

void to_json(nlohmann::json& out, const kiosk_exception& value)
{
  const auto optional_time = [](const std::optional<unix_seconds>& at) {
    return at ? nlohmann::json(iso8601(*at)) : nlohmann::json(nullptr);
  };
  out = {{"id", value.id},
         {"device_id", value.device_id},
         {"idempotency_key", value.idempotency_key},
         {"kind", value.kind},
         {"bike_tag", value.bike_tag},
         {"staff_id", value.staff_id ? nlohmann::json(*value.staff_id) : nlohmann::json(nullptr)},
         {"recorded_at", iso8601(value.recorded_at)},
         {"payload", value.payload},
         {"refusal", value.refusal},
         {"reported_at", iso8601(value.reported_at)},
         {"status", value.status},
         {"resolved_at", optional_time(value.resolved_at)},
         {"resolved_by", value.resolved_by ? nlohmann::json(*value.resolved_by) : nlohmann::json(nullptr)},
         {"resolution_note", value.resolution_note}};
}

outcome<kiosk_exception> record_kiosk_exception(db::connection& db, const actor& who, unix_seconds now,
                                                std::int64_t device_id, const kiosk_exception_report& report)
{
  if (report.idempotency_key.empty() || report.idempotency_key.size() > 128) {
    return invalid("idempotency_key", "idempotency_key must be 1-128 characters");
  }
  if (std::find(kiosk_action_kinds.begin(), kiosk_action_kinds.end(), report.kind) == kiosk_action_kinds.end()) {
    return invalid("kind", "kind must be checkout, return, waitlist_join or waitlist_leave");
  }
  if (report.recorded_at <= 0 || report.recorded_at > now + seconds_per_day) {
    return invalid("recorded_at", "recorded_at must be a time no later than now");
  }
  auto earlier = select_exceptions(db, "WHERE device_id = ?1 AND idempotency_key = ?2", device_id, report.idempotency_key);
  if (!earlier.empty()) return std::move(earlier.front());

  // The kiosk's idea of who it was is kept in the payload even when the staff id means nothing here.
  const std::int64_t known_staff_id = report.staff_id && staff_exists(db, *report.staff_id) ? *report.staff_id : 0;
  db.run(
      "INSERT INTO kiosk_exceptions (device_id, idempotency_key, kind, bike_tag, staff_id, recorded_at, payload, "
      "refusal, reported_at) VALUES (?1, ?2, ?3, ?4, NULLIF(?5, 0), ?6, ?7, ?8, ?9)",
      device_id, report.idempotency_key, report.kind, report.bike_tag, known_staff_id, report.recorded_at,
      report.payload.dump(), report.refusal.dump(), now);
  const auto recorded = *find_exception(db, db.last_insert_rowid());
  record_audit(db, who, now, "kiosk_exception.record", "kiosk_exception", std::to_string(recorded.id), std::nullopt,
               audit_state(recorded));
  notify_kiosk_exception(db, now, recorded);
  file_faults_told(db, who, now, recorded, report.payload);
  return recorded;
}

outcome<list_page<kiosk_exception>> list_kiosk_exceptions(db::connection& db, const kiosk_exception_filter& filter,
                                                          const page_request& wanted)
{
  static constexpr std::array<sort_key, 5> keys{{{"reported_at", "reported_at"},
                                                 {"recorded_at", "recorded_at"},
                                                 {"kind", "kind"},
                                                 {"status", "status"},
                                                 {"id", "id"}}};
  list_query query{std::string(exception_columns)};
  query.where_if(filter.status, "status = ?");
  query.where_if(filter.kind, "kind = ?");
  query.where_if(filter.device_id, "device_id = ?");
  return fetch_page<kiosk_exception>(db, query, wanted, keys, "reported_at, id", [](db::statement& rows) {
    std::vector<kiosk_exception> found;
    while (rows.step()) found.push_back(read_exception(rows));
    return found;
  });
}

outcome<kiosk_exception> find_kiosk_exception(db::connection& db, std::int64_t id)
{
  auto found = find_exception(db, id);
  if (!found) return not_found("kiosk_exception_not_found", "no kiosk exception has this id");
  return std::move(*found);
}

outcome<kiosk_exception> resolve_kiosk_exception(db::connection& db, const actor& who, unix_seconds now,
                                                 std::int64_t id, const std::string& note)
{
  const auto before = find_exception(db, id);
  if (!before) return not_found("kiosk_exception_not_found", "no kiosk exception has this id");
  if (before->status == "resolved") return conflict("already_resolved", "this exception is already resolved");
  if (note.size() > 2000) return invalid("note", "the note may be at most 2000 characters");
  db.run("UPDATE kiosk_exceptions SET status = 'resolved', resolved_at = ?2, resolved_by = ?3, resolution_note = ?4 "
         "WHERE id = ?1",
         id, now, who.label, note);
  const auto after = *find_exception(db, id);
  record_audit(db, who, now, "kiosk_exception.resolve", "kiosk_exception", std::to_string(id), audit_state(*before),
               audit_state(after));
  return after;
}

}  // namespace pedalpower::domain
