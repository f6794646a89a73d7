#include "work_order_rows.hpp"

#include "pedalpower/db/connection.hpp"

namespace pedalpower::domain {

const std::string select_work_orders =
    "SELECT w.id, w.bike_id, b.asset_tag, b.site_id, b.model, w.fault_report_id, w.campaign_id, w.category, w.safety,"
    " w.description, w.reported_by, w.reported_at, w.status, w.supplier, w.supplier_cost_pence, w.warranty_claim,"
    " w.notes, w.signed_off_by, w.signed_off_at, w.closed_at, w.updated_at,"
    " (SELECT coalesce(sum(minutes), 0) FROM work_order_labour l WHERE l.work_order_id = w.id),"
    " (SELECT coalesce(sum(quantity * unit_cost_pence), 0) FROM work_order_parts p WHERE p.work_order_id = w.id)"
    " FROM work_orders w JOIN bikes b ON b.id = w.bike_id WHERE ";

work_order read_work_order(const db::statement& row)
{
  work_order order;
  row.read(order.id, order.bike_id, order.bike_tag, order.site_id, order.bike_model, order.fault_report_id,
           order.campaign_id, order.category, order.safety, order.description, order.reported_by, order.reported_at,
           order.status, order.supplier, order.supplier_cost_pence, order.warranty_claim, order.notes,
           order.signed_off_by, order.signed_off_at, order.closed_at, order.updated_at, order.labour_minutes,
           order.parts_cost_pence);
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
