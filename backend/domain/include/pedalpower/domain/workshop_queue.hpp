#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/servicing.hpp"
#include "pedalpower/domain/work_orders.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// One thing for a technician to do: an open work order or a service due.
struct queue_item {
  int rank = 0;  ///< 1 open safety job, 2 service overdue, 3 other open job, 4 service due soon
  std::optional<work_order> job;
  std::optional<service_due> service;
};

void to_json(nlohmann::json& out, const queue_item& item);

/// What is open and due at a site (or everywhere), most urgent first: by rank, then jobs oldest first
/// and services by the smallest share of their interval left; safety checks before other services.
std::vector<queue_item> technician_queue(db::connection& db, std::optional<std::int64_t> site_id, unix_seconds now);

}  // namespace pedalpower::domain
