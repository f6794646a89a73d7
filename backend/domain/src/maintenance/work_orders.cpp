#include "pedalpower/domain/work_orders.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "bike_workshop.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/faults.hpp"
#include "pedalpower/domain/servicing.hpp"
#include "pedalpower/core/text_fields.hpp"
#include "work_order_rows.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::size_t max_text_length = 2000;
constexpr std::size_t max_supplier_length = 120;

struct transition {
  std::string_view from;
  std::string_view to;
};

constexpr auto work_order_transitions = std::to_array<transition>({
    {"open", "in_progress"},
    {"open", "awaiting_parts"},
    {"open", "closed"},
    {"in_progress", "awaiting_parts"},
    {"in_progress", "ready_for_check"},
    {"in_progress", "closed"},
    {"awaiting_parts", "in_progress"},
    {"ready_for_check", "in_progress"},
    {"ready_for_check", "closed"},
});

nlohmann::json optional_time(const std::optional<unix_seconds>& at)
{
  return at ? nlohmann::json(iso8601(*at)) : nlohmann::json(nullptr);
}

void load_detail(db::connection& db, work_order& order)
{
  order.detailed = true;
  auto& events = db.query(
      "SELECT from_status, to_status, note, actor, at FROM work_order_events WHERE work_order_id = ?1 ORDER BY at, id",
      order.id);
  while (events.step()) {
    order.history.push_back(
        {events.get_optional_text(0), events.get_text(1), events.get_text(2), events.get_text(3), events.get_int(4)});
  }
  auto& labour = db.query("SELECT id, work_order_id, technician, minutes, note, recorded_by, recorded_at"
                          " FROM work_order_labour WHERE work_order_id = ?1 ORDER BY id",
                          order.id);
  while (labour.step()) {
    order.labour.push_back({labour.get_int(0), labour.get_int(1), labour.get_text(2),
                            labour.get_int(3), labour.get_text(4), labour.get_text(5),
                            labour.get_int(6)});
  }
  auto& parts = db.query("SELECT id, work_order_id, name, part_number, quantity, unit_cost_pence, recorded_by,"
                         " recorded_at FROM work_order_parts WHERE work_order_id = ?1 ORDER BY id",
                         order.id);
  while (parts.step()) {
    order.parts.push_back({parts.get_int(0), parts.get_int(1), parts.get_text(2), parts.get_text(3),
                           parts.get_int(4), parts.get_int(5), parts.get_text(6), parts.get_int(7)});
  }
  auto& handed = db.query("SELECT reservation_id, staff_id, outcome, new_reservation_id, at"
                          " FROM workshop_reservation_outcomes WHERE work_order_id = ?1 ORDER BY id",
                          order.id);
  while (handed.step()) {
    order.reservations.push_back({handed.get_int(0), handed.get_int(1), handed.get_text(2),
                                  handed.get_optional_int(3), handed.get_int(4)});
  }
}

void record_reservation_outcome(db::connection& db, std::int64_t work_order_id,
                                const std::optional<reservation_outcome>& handed)
{
  if (!handed) return;
  db.run("INSERT INTO workshop_reservation_outcomes(work_order_id, reservation_id, staff_id, outcome,"
         " new_reservation_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
         work_order_id, handed->reservation_id, handed->staff_id, handed->outcome, handed->new_reservation_id,
         handed->at);
}

std::optional<problem> check_text(const std::optional<std::string>& text, const std::string& field,
                                  std::size_t max_length)
{
  if (text && text->size() > max_length) {
    return invalid(field, field + " is at most " + std::to_string(max_length) + " characters");
  }
  return std::nullopt;
}

/// The fault that opened a job is resolved when the job is finished.
void resolve_fault(db::connection& db, const work_order& job, unix_seconds now)
{
  if (!job.fault_report_id) return;
  db.run("UPDATE fault_reports SET resolved_at = ?2 WHERE id = ?1 AND resolved_at IS NULL", *job.fault_report_id, now);
}

/// Moves the job to `to`, with its history line and audit entry, then lets the bike follow the work.
void move_work_order(db::connection& db, const actor& who, unix_seconds now, const work_order& before,
                     const std::string& to, const std::string& note)
{
  const bool finishing = !is_open_work(to);
  db.run("UPDATE work_orders SET status = ?2, updated_at = ?3, closed_at = CASE WHEN ?4 THEN ?3 ELSE closed_at END"
         " WHERE id = ?1",
         before.id, to, now, finishing);
  record_work_order_event(db, who, now, before.id, before.status, to, note);
  if (finishing) resolve_fault(db, before, now);
  const auto handed = follow_work(db, who, now, before.bike_id,
                                  "work order " + std::to_string(before.id) + " " + to, true);
  record_reservation_outcome(db, before.id, handed);
  record_edit(db, who, now, "work_order." + to, "work_order", before, load_work_order(db, before.id).value());
}

}  // namespace

bool is_open_work(std::string_view status) { return status != "closed" && status != "written_off"; }

bool is_allowed_work_order_transition(std::string_view from, std::string_view to)
{
  return std::any_of(work_order_transitions.begin(), work_order_transitions.end(),
                     [&](const transition& allowed) { return allowed.from == from && allowed.to == to; });
}

void to_json(nlohmann::json& out, const labour_entry& entry)
{
  out = {{"id", entry.id},
         {"work_order_id", entry.work_order_id},
         {"technician", entry.technician},
         {"minutes", entry.minutes},
         {"note", entry.note},
         {"recorded_by", entry.recorded_by},
         {"recorded_at", iso8601(entry.recorded_at)}};
}

void to_json(nlohmann::json& out, const part_used& part)
{
  out = {{"id", part.id},
         {"work_order_id", part.work_order_id},
         {"name", part.name},
         {"part_number", part.part_number},
         {"quantity", part.quantity},
         {"unit_cost_pence", part.unit_cost_pence},
         {"cost_pence", part.unit_cost_pence * part.quantity},
         {"recorded_by", part.recorded_by},
         {"recorded_at", iso8601(part.recorded_at)}};
}

void to_json(nlohmann::json& out, const work_order& order)
{
  out = {{"id", order.id},
         {"bike_id", order.bike_id},
         {"bike_tag", order.bike_tag},
         {"site_id", order.site_id},
         {"bike_model", order.bike_model},
         {"fault_report_id", order.fault_report_id ? nlohmann::json(*order.fault_report_id) : nlohmann::json(nullptr)},
         {"campaign_id", order.campaign_id ? nlohmann::json(*order.campaign_id) : nlohmann::json(nullptr)},
         {"category", order.category},
         {"safety", order.safety},
         {"description", order.description},
         {"reported_by", order.reported_by},
         {"reported_at", iso8601(order.reported_at)},
         {"status", order.status},
         {"supplier", order.supplier},
         {"in_house", order.supplier.empty()},
         {"supplier_cost_pence", order.supplier_cost_pence},
         {"warranty_claim", order.warranty_claim},
         {"notes", order.notes},
         {"signed_off_by", order.signed_off_by ? nlohmann::json(*order.signed_off_by) : nlohmann::json(nullptr)},
         {"signed_off_at", optional_time(order.signed_off_at)},
         {"closed_at", optional_time(order.closed_at)},
         {"updated_at", iso8601(order.updated_at)},
         {"labour_minutes", order.labour_minutes},
         {"parts_cost_pence", order.parts_cost_pence},
         {"cost_pence", order.cost_pence()}};
  if (!order.detailed) return;
  auto history = nlohmann::json::array();
  for (const auto& event : order.history) {
    history.push_back({{"from_status", event.from_status ? nlohmann::json(*event.from_status) : nlohmann::json(nullptr)},
                       {"to_status", event.to_status},
                       {"note", event.note},
                       {"actor", event.actor},
                       {"at", iso8601(event.at)}});
  }
  auto reservations = nlohmann::json::array();
  for (const auto& handed : order.reservations) {
    reservations.push_back(
        {{"reservation_id", handed.reservation_id},
         {"staff_id", handed.staff_id},
         {"outcome", handed.outcome},
         {"new_reservation_id",
          handed.new_reservation_id ? nlohmann::json(*handed.new_reservation_id) : nlohmann::json(nullptr)},
         {"at", iso8601(handed.at)}});
  }
  out["history"] = std::move(history);
  out["labour"] = order.labour;
  out["parts"] = order.parts;
  out["reservation_outcomes"] = std::move(reservations);
  // What a status change may move it to now; a safety job closes only by its sign-off.
  auto next = nlohmann::json::array();
  for (const auto& allowed : work_order_transitions) {
    if (allowed.from == order.status && !(order.safety && allowed.to == "closed")) next.push_back(allowed.to);
  }
  out["next_statuses"] = std::move(next);
}

outcome<work_order> open_work_order(db::connection& db, const actor& who, unix_seconds now,
                                    const work_order_input& input)
{
  if (std::find(work_order_categories.begin(), work_order_categories.end(), input.category) ==
      work_order_categories.end()) {
    return invalid("category", "the category must be one of brakes, battery, tyre, lights, frame, gears, other, "
                               "service or inspection");
  }
  const auto description = trimmed(input.description);
  if (auto broken = check_text(description, "description", max_text_length)) return *broken;
  const auto bike = find_bike(db, input.bike_id);
  if (!bike) return invalid("bike_id", "there is no such bike", "unknown_bike");
  if (bike->status == bike_status::retired) {
    return conflict("bike_retired", "this bike has left the fleet", "bike_id");
  }
  const bool safety = input.safety.value_or(is_safety_critical(input.category));

  db::savepoint unit(db, "open_work_order");
  db.run("INSERT INTO work_orders(bike_id, fault_report_id, campaign_id, category, safety, description, reported_by,"
         " reported_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
         bike->id, input.fault_report_id, input.campaign_id, input.category, safety, description, who.label, now);
  const auto id = db.last_insert_rowid();
  record_work_order_event(db, who, now, id, std::nullopt, "open", description);
  const auto handed =
      follow_work(db, who, now, bike->id, "safety work order " + std::to_string(id) + " open", false);
  record_reservation_outcome(db, id, handed);
  auto created = find_work_order(db, id);
  record_creation(db, who, now, "work_order.open", "work_order", created.value());
  unit.commit();
  return created;
}

outcome<work_order> find_work_order(db::connection& db, std::int64_t id)
{
  auto found = load_work_order(db, id);
  if (!found) return found;
  auto order = std::move(found).value();
  load_detail(db, order);
  return order;
}

std::vector<work_order> list_work_orders(db::connection& db, const work_order_filter& filter)
{
  static const std::string sql =
      select_work_orders +
      "(?1 IS NULL OR w.bike_id = ?1) AND (?2 IS NULL OR b.site_id = ?2) AND (?3 IS NULL OR w.campaign_id = ?3)"
      " AND (?4 IS NULL OR w.status = ?4 OR (?4 = 'active' AND w.status NOT IN ('closed', 'written_off')))"
      " AND (?5 IS NULL OR w.safety = ?5) ORDER BY w.reported_at DESC, w.id DESC";
  auto& rows = db.query(sql, filter.bike_id, filter.site_id, filter.campaign_id, filter.status, filter.safety);
  std::vector<work_order> found;
  while (rows.step()) found.push_back(read_work_order(rows));
  return found;
}

outcome<work_order> update_work_order(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                      const work_order_changes& changes)
{
  const auto before = load_work_order(db, id);
  if (!before) return before;
  if (auto broken = check_text(changes.description, "description", max_text_length)) return *broken;
  if (auto broken = check_text(changes.notes, "notes", max_text_length)) return *broken;
  if (auto broken = check_text(changes.supplier, "supplier", max_supplier_length)) return *broken;
  if (changes.supplier_cost_pence && (*changes.supplier_cost_pence < 0 || *changes.supplier_cost_pence > 100'000'000)) {
    return invalid("supplier_cost_pence", "a cost is 0 to 100,000,000 pence");
  }
  if (!is_open_work(before->status)) return conflict("work_order_finished", "this work order is finished");
  work_order after = before.value();
  if (changes.description) after.description = trimmed(*changes.description);
  if (changes.supplier) after.supplier = trimmed(*changes.supplier);
  if (changes.supplier_cost_pence) after.supplier_cost_pence = *changes.supplier_cost_pence;
  if (changes.warranty_claim) after.warranty_claim = *changes.warranty_claim;
  if (changes.notes) after.notes = trimmed(*changes.notes);
  db::savepoint unit(db, "update_work_order");
  db.run("UPDATE work_orders SET description = ?2, supplier = ?3, supplier_cost_pence = ?4, warranty_claim = ?5,"
         " notes = ?6, updated_at = ?7 WHERE id = ?1",
         id, after.description, after.supplier, after.supplier_cost_pence, after.warranty_claim, after.notes, now);
  auto updated = find_work_order(db, id);
  record_edit(db, who, now, "work_order.update", "work_order", before.value(), load_work_order(db, id).value());
  unit.commit();
  return updated;
}

outcome<work_order> change_work_order_status(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                             const std::string& status, const std::string& note)
{
  if (std::find(work_order_statuses.begin(), work_order_statuses.end(), status) == work_order_statuses.end()) {
    return invalid("status", "the status must be open, in_progress, awaiting_parts, ready_for_check, closed or "
                             "written_off");
  }
  if (auto broken = check_text(note, "note", max_text_length)) return *broken;
  const auto before = load_work_order(db, id);
  if (!before) return before;
  if (status == "written_off") {
    return refused("use_write_off", "write a bike off with POST /api/v1/work-orders/{id}/write-off", "status");
  }
  if (status == "closed" && before->safety && is_open_work(before->status)) {
    return refused("safety_sign_off_required",
                   "a safety job closes only when a technician signs off the safety check", "status");
  }
  if (!is_allowed_work_order_transition(before->status, status)) {
    return conflict("work_order_transition_not_allowed",
                    "a work order that is " + before->status + " cannot become " + status, "status");
  }
  // A closed job is the bike's repair history: it says what was found and done.
  if (status == "closed" && trimmed(before->notes).empty() && trimmed(note).empty()) {
    return invalid("note", "say what was found and done before closing the job, here or in its diagnosis", "required");
  }
  db::savepoint unit(db, "change_work_order_status");
  move_work_order(db, who, now, before.value(), status, trimmed(note));
  unit.commit();
  return find_work_order(db, id);
}

outcome<work_order> sign_off_safety_check(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                          const std::string& note)
{
  if (auto broken = check_text(note, "note", max_text_length)) return *broken;
  const auto before = load_work_order(db, id);
  if (!before) return before;
  if (!before->safety) {
    return refused("not_a_safety_job", "only a safety job needs a safety check; close it with a status change");
  }
  if (before->status != "ready_for_check") {
    // Often a colleague got there first; saying where the job stands spares a fruitless retry.
    auto where_it_stands = before->status;
    std::replace(where_it_stands.begin(), where_it_stands.end(), '_', ' ');
    return refused(
        "not_ready_for_check",
        before->signed_off_by
            ? "this job's safety check is already signed off and the job is " + where_it_stands
            : "the safety check is signed off when the job is ready for check; it is " + where_it_stands + " now");
  }
  // The sign-off is the record that the bike is safe to ride again: it says what was checked.
  if (trimmed(note).empty()) return invalid("note", "say what was checked before signing the bike off", "required");
  db::savepoint unit(db, "sign_off_safety_check");
  db.run("UPDATE work_orders SET signed_off_by = ?2, signed_off_at = ?3 WHERE id = ?1", id, who.label, now);
  service_input check{"safety_check", before->bike_id, std::nullopt, id, "signed off on work order " + std::to_string(id)};
  if (const auto recorded = record_service(db, who, now, check); !recorded) return recorded.error();
  move_work_order(db, who, now, load_work_order(db, id).value(), "closed", trimmed(note));
  unit.commit();
  return find_work_order(db, id);
}

outcome<work_order> write_off_work_order(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                         const std::string& note)
{
  if (auto broken = check_text(note, "note", max_text_length)) return *broken;
  const auto before = load_work_order(db, id);
  if (!before) return before;
  if (!is_open_work(before->status)) return conflict("work_order_finished", "this work order is finished");
  const auto bike = find_bike(db, before->bike_id);
  if (bike->status == bike_status::on_loan) {
    return refused("bike_on_loan", "a bike is written off after it comes back from its loan");
  }
  db::savepoint unit(db, "write_off_work_order");
  static const std::string others_sql = select_work_orders + "w.bike_id = ?1 AND w.status NOT IN ('closed', 'written_off')";
  std::vector<work_order> open_jobs;
  auto& rows = db.query(others_sql, before->bike_id);
  while (rows.step()) open_jobs.push_back(read_work_order(rows));
  const auto reason = note.empty() ? std::string("bike written off") : trimmed(note);
  for (const auto& job : open_jobs) {
    db.run("UPDATE work_orders SET status = 'written_off', closed_at = ?2, updated_at = ?2 WHERE id = ?1", job.id, now);
    resolve_fault(db, job, now);
    record_work_order_event(db, who, now, job.id, job.status, "written_off",
                            job.id == id ? reason : "bike written off on work order " + std::to_string(id));
    record_edit(db, who, now, "work_order.written_off", "work_order", job, load_work_order(db, job.id).value());
  }
  if (bike->status == bike_status::reserved) {
    record_reservation_outcome(db, id, hand_over_reservation_for_workshop(db, who, now, bike->id));
    if (const auto held = change_bike_status(db, who, now, bike->id, bike_status::maintenance, reason); !held) {
      return held.error();
    }
  }
  if (bike->status != bike_status::retired) {
    if (const auto retired = change_bike_status(db, who, now, bike->id, bike_status::retired,
                                                "written off on work order " + std::to_string(id));
        !retired) {
      return retired.error();
    }
  }
  unit.commit();
  return find_work_order(db, id);
}

bool has_open_safety_work(db::connection& db, std::int64_t bike_id)
{
  auto& rows = db.query("SELECT EXISTS (SELECT 1 FROM work_orders WHERE bike_id = ?1 AND safety = 1"
                        " AND status NOT IN ('closed', 'written_off'))",
                        bike_id);
  rows.step();
  const bool open = rows.get_int(0) != 0;
  rows.reset();
  return open;
}

}  // namespace pedalpower::domain
