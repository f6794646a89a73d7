#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/workshop_reservations.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// A bike's status follows its work orders: it is in the workshop while a safety job is open or any
/// job is being worked on, and lendable again when none is.

/// True while an open safety job or a job in progress, awaiting parts or ready for check holds the bike.
bool work_holds_bike(db::connection& db, std::int64_t bike_id);

/// Moves the bike to maintenance if the work holds it and it stands available or reserved (a loaned
/// bike goes to the workshop at its return). A reservation on it is handed over first; what became of
/// it is returned. With `may_release`, a bike in maintenance that no work holds any more becomes
/// available and is offered to the waiting list. Throws on a broken invariant.
std::optional<reservation_outcome> follow_work(db::connection& db, const actor& who, unix_seconds now,
                                               std::int64_t bike_id, const std::string& note, bool may_release);

}  // namespace pedalpower::domain
