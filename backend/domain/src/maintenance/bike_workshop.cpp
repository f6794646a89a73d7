#include "bike_workshop.hpp"

#include <stdexcept>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/reservations.hpp"

namespace pedalpower::domain {
namespace {

void move_bike(db::connection& db, const actor& who, unix_seconds now, std::int64_t bike_id, bike_status to,
               const std::string& note)
{
  const auto moved = change_bike_status(db, who, now, bike_id, to, note);
  if (!moved) throw std::logic_error("bike " + std::to_string(bike_id) + ": " + moved.error().message);
}

}  // namespace

bool work_holds_bike(db::connection& db, std::int64_t bike_id)
{
  auto& rows = db.query("SELECT EXISTS (SELECT 1 FROM work_orders WHERE bike_id = ?1 AND ("
                        " (safety = 1 AND status NOT IN ('closed', 'written_off'))"
                        " OR status IN ('in_progress', 'awaiting_parts', 'ready_for_check')))",
                        bike_id);
  rows.step();
  const bool held = rows.get_int(0) != 0;
  rows.reset();
  return held;
}

std::optional<reservation_outcome> follow_work(db::connection& db, const actor& who, unix_seconds now,
                                               std::int64_t bike_id, const std::string& note, bool may_release)
{
  const auto bike = find_bike(db, bike_id);
  if (!bike) throw std::logic_error("work order on missing bike " + std::to_string(bike_id));
  const bool held = work_holds_bike(db, bike_id);
  std::optional<reservation_outcome> handed_over;
  if (held && (bike->status == bike_status::available || bike->status == bike_status::reserved)) {
    if (bike->status == bike_status::reserved) handed_over = hand_over_reservation_for_workshop(db, who, now, bike_id);
    move_bike(db, who, now, bike_id, bike_status::maintenance, note);
  } else if (may_release && !held && bike->status == bike_status::maintenance) {
    move_bike(db, who, now, bike_id, bike_status::available, note);
    offer_free_bikes(db, who, now, bike->site_id);
  }
  return handed_over;
}

}  // namespace pedalpower::domain
