#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/loans.hpp"
#include "loans/loan_change.hpp"

namespace pedalpower::domain::loan_service {
namespace {

constexpr std::size_t max_note_length = 2000;

}  // namespace

outcome<loan> mark_lost(db::connection& db, const actor& who, unix_seconds now, std::int64_t loan_id,
                        const std::string& note)
{
  if (note.size() > max_note_length) return invalid("note", "The note is too long (at most 2000 characters).");
  const auto current = find_loan(db, loan_id);
  if (!current) return current.error();
  if (current->status != "active") return conflict("loan_not_active", "Only an active loan's bike can be lost.");

  db::savepoint unit(db, "mark_lost");
  db.run("UPDATE loans SET status = 'lost' WHERE id = ?1", current->id);
  const auto reason = note.empty() ? "lost on loan " + std::to_string(current->id) : note;
  if (const auto moved = change_bike_status(db, who, now, current->bike_id, bike_status::lost, reason); !moved) {
    return moved.error();
  }
  auto lost = record_loan_change(db, who, now, "loan.lost", current.value());
  unit.commit();
  return lost;
}

}  // namespace pedalpower::domain::loan_service
