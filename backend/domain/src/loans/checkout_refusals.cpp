#include "pedalpower/domain/checkout_refusals.hpp"

#include "pedalpower/db/connection.hpp"

namespace pedalpower::domain {

void record_checkout_refusal(db::connection& db, unix_seconds now, const checkout_refusal& refusal)
{
  db.run("INSERT INTO checkout_refusals(refused_at, staff_id, bike_id, site_id, device_id, idempotency_key, reason)"
         " VALUES (?1, ?2, (SELECT id FROM bikes WHERE id = ?3),"
         " coalesce((SELECT site_id FROM bikes WHERE id = ?3), (SELECT site_id FROM devices WHERE id = ?4)), ?4, ?5, ?6)",
         now, refusal.staff_id, refusal.bike_id, refusal.device_id, refusal.idempotency_key, refusal.reason);
}

}  // namespace pedalpower::domain
