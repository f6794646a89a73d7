#include "work_order_rows.hpp"

#include "pedalpower/db/connection.hpp"

namespace pedalpower::domain {

const std::string select_work_orders =
    "SELECT w.id, w.bike_id, b.site_id, b.model, w.fault_report_id, w.campaign_id, w.category, w.safety,"
    " w.description, w.reported_by, w.reported_at, w.status, w.supplier, w.supplier_cost_pence, w.warranty_claim,"
    " w.notes, w.signed_off_by, w.signed_off_at, w.closed_at, w.updated_at,"
    " (SELECT coalesce(sum(minutes), 0) FROM work_order_labour l WHERE l.work_order_id = w.id),"
    " (SELECT coalesce(sum(quantity * unit_cost_pence), 0) FROM work_order_parts p WHERE p.work_order_id = w.id)"
    " FROM work_orders w JOIN bikes b ON b.id = w.bike_id WHERE ";

work_order read_work_order(const db::statement& row)
{
  work_order order;
  order.id = row.get_int(0);
  order.bike_id = row.get_int(1);
  order.site_id = row.get_int(2);
  order.bike_model = row.get_text(3);
  order.fault_report_id = row.get_optional_int(4);
  order.campaign_id = row.get_optional_int(5);
  order.category = row.get_text(6);
  order.safety = row.get_int(7) != 0;
  order.description = row.get_text(8);
  order.reported_by = row.get_text(9);
  order.reported_at = row.get_int(10);
  order.status = row.get_text(11);
  order.supplier = row.get_text(12);
  order.supplier_cost_pence = row.get_int(13);
  order.warranty_claim = row.get_int(14) != 0;
  order.notes = row.get_text(15);
  order.signed_off_by = row.get_optional_text(16);
  order.signed_off_at = row.get_optional_int(17);
  order.closed_at = row.get_optional_int(18);
  order.updated_at = row.get_int(19);
  order.labour_minutes = row.get_int(20);
  order.parts_cost_pence = row.get_int(21);
  return order;
}

outcome<work_order> load_work_order(db::connection& db, std::int64_t id)
{
  static const std::string sql = select_work_orders + "w.id = ?1";
  auto& row = db.query(sql, id);
  if (!row.step()) return not_found("work_order_not_found", "there is no work order " + std::to_string(id));
  auto order = read_work_order(row);
  row.reset();
  return order;
}

void record_work_order_event(db::connection& db, const actor& who, unix_seconds now, std::int64_t work_order_id,
                             const std::optional<std::string>& from_status, const std::string& to_status,
                             const std::string& note)
{
  db.run("INSERT INTO work_order_events(work_order_id, from_status, to_status, note, actor, at)"
         " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
         work_order_id, from_status, to_status, note, who.label, now);
}

}  // namespace pedalpower::domain
