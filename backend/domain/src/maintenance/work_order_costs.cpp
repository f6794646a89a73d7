#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/core/text_fields.hpp"
#include "pedalpower/domain/work_orders.hpp"
#include "work_order_rows.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::int64_t max_minutes = 24 * 60;
constexpr std::int64_t max_quantity = 1000;
constexpr std::int64_t max_unit_cost_pence = 10'000'000;

/// Labour and parts are added to, and taken from, open jobs only.
std::optional<problem> check_open(db::connection& db, std::int64_t work_order_id)
{
  const auto order = load_work_order(db, work_order_id);
  if (!order) return order.error();
  if (!is_open_work(order->status)) return conflict("work_order_finished", "this work order is finished");
  return std::nullopt;
}

bool name_ok(const std::string& text, std::size_t max_length) { return !text.empty() && text.size() <= max_length; }

/// Stamps the work order as changed by one of its labour or part rows, and audits the row: as it was
/// written (`after`), or as it was when it was removed (`before`).
void record_cost_change(db::connection& db, const actor& who, unix_seconds now, std::int64_t work_order_id,
                        std::string_view action, std::string_view entity, std::int64_t row_id,
                        const std::optional<nlohmann::json>& before, const std::optional<nlohmann::json>& after)
{
  db.run("UPDATE work_orders SET updated_at = ?2 WHERE id = ?1", work_order_id, now);
  record_audit(db, who, now, action, entity, std::to_string(row_id), before, after);
}

/// Writes a checked labour or part row onto an open work order, stamped with who recorded it and when,
/// and audits it as `action` on `entity`; `insert` writes the row's own columns.
template <typename Row, typename Insert>
outcome<Row> add_cost_row(db::connection& db, const actor& who, unix_seconds now, std::int64_t work_order_id, Row row,
                          std::string_view action, std::string_view entity, Insert insert)
{
  if (auto closed = check_open(db, work_order_id)) return *closed;
  db::savepoint unit(db, "add_cost_row");
  row.work_order_id = work_order_id;
  row.recorded_by = who.label;
  row.recorded_at = now;
  insert(row);
  row.id = db.last_insert_rowid();
  record_cost_change(db, who, now, work_order_id, action, entity, row.id, std::nullopt, nlohmann::json(row));
  unit.commit();
  return row;
}

/// What sets a labour row apart from a part row when one is taken off a work order.
struct cost_row_kind {
  const char* savepoint;
  const char* delete_sql;
  const char* not_found_code;
  std::string not_found_message;
  const char* audit_action;
  const char* audit_entity;
};

/// Deletes one labour or part row (one of the order's `rows`) of an open work order, and audits it as it
/// was. not_found for a row of another order.
template <typename Row>
outcome<done> remove_cost_row(db::connection& db, const actor& who, unix_seconds now, std::int64_t work_order_id,
                              std::int64_t row_id, const cost_row_kind& kind, std::vector<Row> work_order::*rows)
{
  if (auto closed = check_open(db, work_order_id)) return *closed;
  const auto order = find_work_order(db, work_order_id);
  if (!order) return order.error();
  const auto& kept = order.value().*rows;
  const auto removed = std::find_if(kept.begin(), kept.end(), [row_id](const Row& row) { return row.id == row_id; });
  if (removed == kept.end()) return not_found(kind.not_found_code, kind.not_found_message + std::to_string(row_id));
  db::savepoint unit(db, kind.savepoint);
  db.run(kind.delete_sql, row_id);
  record_cost_change(db, who, now, work_order_id, kind.audit_action, kind.audit_entity, row_id,
                     nlohmann::json(*removed), std::nullopt);
  unit.commit();
  return done{};
}

}  // namespace

outcome<labour_entry> add_labour(db::connection& db, const actor& who, unix_seconds now, std::int64_t work_order_id,
                                 labour_entry entry)
{
  entry.technician = trimmed(entry.technician);
  entry.note = trimmed(entry.note);
  if (entry.minutes < 1 || entry.minutes > max_minutes) return invalid("minutes", "minutes are 1 to 1440");
  if (!name_ok(entry.technician, 120)) return invalid("technician", "the technician is named in 1 to 120 characters");
  if (entry.note.size() > 2000) return invalid("note", "note is at most 2000 characters");
  return add_cost_row(db, who, now, work_order_id, std::move(entry), "work_order.labour", "work_order_labour",
                      [&db](const labour_entry& row) {
                        db.run(
                            "INSERT INTO work_order_labour(work_order_id, technician, minutes, note, recorded_by,"
                            " recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            row.work_order_id, row.technician, row.minutes, row.note, row.recorded_by, row.recorded_at);
                      });
}

outcome<part_used> add_part(db::connection& db, const actor& who, unix_seconds now, std::int64_t work_order_id,
                            part_used part)
{
  part.name = trimmed(part.name);
  part.part_number = trimmed(part.part_number);
  if (!name_ok(part.name, 120)) return invalid("name", "a part is named in 1 to 120 characters");
  if (part.part_number.size() > 60) return invalid("part_number", "a part number is at most 60 characters");
  if (part.quantity < 1 || part.quantity > max_quantity) return invalid("quantity", "a quantity is 1 to 1000");
  if (part.unit_cost_pence < 0 || part.unit_cost_pence > max_unit_cost_pence) {
    return invalid("unit_cost_pence", "a unit cost is 0 to 10,000,000 pence");
  }
  return add_cost_row(db, who, now, work_order_id, std::move(part), "work_order.part", "work_order_part",
                      [&db](const part_used& row) {
                        db.run(
                            "INSERT INTO work_order_parts(work_order_id, name, part_number, quantity,"
                            " unit_cost_pence, recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            row.work_order_id, row.name, row.part_number, row.quantity, row.unit_cost_pence,
                            row.recorded_by, row.recorded_at);
                      });
}

outcome<done> remove_labour(db::connection& db, const actor& who, unix_seconds now, std::int64_t work_order_id,
                            std::int64_t entry_id)
{
  static const cost_row_kind labour{"remove_labour",
                                    "DELETE FROM work_order_labour WHERE id = ?1",
                                    "labour_not_found",
                                    "this work order has no labour entry ",
                                    "work_order.labour_removed",
                                    "work_order_labour"};
  return remove_cost_row(db, who, now, work_order_id, entry_id, labour, &work_order::labour);
}

outcome<done> remove_part(db::connection& db, const actor& who, unix_seconds now, std::int64_t work_order_id,
                          std::int64_t part_id)
{
  static const cost_row_kind part{"remove_part",
                                  "DELETE FROM work_order_parts WHERE id = ?1",
                                  "part_not_found",
                                  "this work order has no part ",
                                  "work_order.part_removed",
                                  "work_order_part"};
  return remove_cost_row(db, who, now, work_order_id, part_id, part, &work_order::parts);
}

}  // namespace pedalpower::domain
