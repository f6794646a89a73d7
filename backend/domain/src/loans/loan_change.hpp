#pragma once

#include <string_view>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/db/fwd.hpp"
#include "pedalpower/domain/actor.hpp"
#include "pedalpower/domain/loans.hpp"

namespace pedalpower::domain {

/// Finishes a change to a loan's status or due date, made inside the caller's transaction: audits it
/// as `action` from `before`, withdraws the reminders that no longer hold, and returns the loan as it
/// is now.
loan record_loan_change(db::connection& db, const actor& who, unix_seconds now, std::string_view action,
                        const loan& before);

}  // namespace pedalpower::domain
