#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pedalpower/domain/work_orders.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Shared by the work-order, campaign and queue code: reading work_orders rows with their bike's
/// site and model and their labour and parts totals, without the detail.

extern const std::string select_work_orders;  ///< ends in a WHERE clause's opening: append conditions

work_order read_work_order(const db::statement& row);

/// The row, or not_found "work_order_not_found".
outcome<work_order> load_work_order(db::connection& db, std::int64_t id);

/// Appends one line to the work order's history.
void record_work_order_event(db::connection& db, const actor& who, unix_seconds now, std::int64_t work_order_id,
                             const std::optional<std::string>& from_status, const std::string& to_status,
                             const std::string& note);

}  // namespace pedalpower::domain
