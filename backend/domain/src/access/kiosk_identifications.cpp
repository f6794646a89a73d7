#include "pedalpower/domain/kiosk_identifications.hpp"

#include "pedalpower/db/connection.hpp"
#include "pedalpower/core/secrets.hpp"

namespace pedalpower::domain {

offline_proof record_kiosk_identification(db::connection& db, unix_seconds now, std::int64_t device_id,
                                          std::int64_t staff_id)
{
  db.run("DELETE FROM kiosk_identifications WHERE valid_until <= ?1", now);
  offline_proof proof{random_token(), now + offline_proof_seconds};
  db.run("INSERT INTO kiosk_identifications (device_id, staff_id, proof_digest, identified_at, valid_until) "
         "VALUES (?1, ?2, ?3, ?4, ?5)",
         device_id, staff_id, token_digest(proof.token), now, proof.valid_until);
  return proof;
}

std::optional<std::int64_t> staff_of_offline_proof(db::connection& db, std::string_view proof, std::int64_t device_id,
                                                   unix_seconds now)
{
  auto& row = db.query(
      "SELECT staff_id FROM kiosk_identifications WHERE proof_digest = ?1 AND device_id = ?2 AND valid_until > ?3",
      token_digest(proof), device_id, now);
  std::optional<std::int64_t> staff_id;
  if (row.step()) staff_id = row.get_int(0);
  row.reset();
  return staff_id;
}

void forget_kiosk_identifications_of(db::connection& db, std::int64_t staff_id)
{
  db.run("DELETE FROM kiosk_identifications WHERE staff_id = ?1", staff_id);
}

}  // namespace pedalpower::domain
