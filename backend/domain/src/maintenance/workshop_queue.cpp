#include "pedalpower/domain/workshop_queue.hpp"

#include <algorithm>
#include <limits>

#include <nlohmann/json.hpp>

namespace pedalpower::domain {
namespace {

constexpr int rank_safety_job = 1;
constexpr int rank_service_due = 2;
constexpr int rank_other_job = 3;
constexpr int rank_service_due_soon = 4;

/// The smallest share of any of the service's intervals still left (negative when overdue).
double share_left(const service_due& due)
{
  double least = std::numeric_limits<double>::max();
  const auto consider = [&least](const std::optional<std::int64_t>& every, double used) {
    if (every) least = std::min(least, (static_cast<double>(*every) - used) / static_cast<double>(*every));
  };
  consider(due.interval.every_km, due.since.km);
  consider(due.interval.every_days, due.since.days);
  if (due.since.cycles) consider(due.interval.every_cycles, static_cast<double>(*due.since.cycles));
  return least;
}

bool more_urgent(const queue_item& a, const queue_item& b)
{
  if (a.rank != b.rank) return a.rank < b.rank;
  if (a.job && b.job) {
    if (a.job->reported_at != b.job->reported_at) return a.job->reported_at < b.job->reported_at;
    return a.job->id < b.job->id;
  }
  if (a.service && b.service) {
    const bool a_safety = a.service->kind == "safety_check";
    const bool b_safety = b.service->kind == "safety_check";
    if (a_safety != b_safety) return a_safety;
    const auto a_left = share_left(*a.service);
    const auto b_left = share_left(*b.service);
    if (a_left != b_left) return a_left < b_left;
    return a.service->bike_id < b.service->bike_id;
  }
  return false;
}

}  // namespace

void to_json(nlohmann::json& out, const queue_item& item)
{
  out = {{"rank", item.rank},
         {"type", item.job ? "work_order" : "service"},
         {"work_order", item.job ? nlohmann::json(*item.job) : nlohmann::json(nullptr)},
         {"service", item.service ? nlohmann::json(*item.service) : nlohmann::json(nullptr)}};
}

std::vector<queue_item> technician_queue(db::connection& db, std::optional<std::int64_t> site_id, unix_seconds now)
{
  std::vector<queue_item> queue;
  work_order_filter open_here;
  open_here.site_id = site_id;
  open_here.status = "active";
  for (auto& job : list_work_orders(db, open_here)) {
    const int rank = job.safety ? rank_safety_job : rank_other_job;
    queue.push_back({rank, std::move(job), std::nullopt});
  }
  for (auto& due : services_due(db, site_id, now)) {
    const int rank = due.state == service_state::due ? rank_service_due : rank_service_due_soon;
    queue.push_back({rank, std::nullopt, std::move(due)});
  }
  std::stable_sort(queue.begin(), queue.end(), more_urgent);
  return queue;
}

}  // namespace pedalpower::domain
