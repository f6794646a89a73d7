#include "pedalpower/domain/bike_status.hpp"

#include <algorithm>

namespace pedalpower::domain {

std::string_view to_string(bike_status status)
{
  switch (status) {
    case bike_status::available: return "available";
    case bike_status::reserved: return "reserved";
    case bike_status::on_loan: return "on_loan";
    case bike_status::maintenance: return "maintenance";
    case bike_status::retired: return "retired";
    case bike_status::lost: return "lost";
  }
  return "available";
}

std::optional<bike_status> bike_status_from_string(std::string_view text)
{
  for (const auto status : bike_statuses) {
    if (to_string(status) == text) return status;
  }
  return std::nullopt;
}

bool is_allowed_transition(bike_status from, bike_status to)
{
  return std::any_of(bike_status_transitions.begin(), bike_status_transitions.end(),
                     [&](const bike_status_transition& allowed) { return allowed.from == from && allowed.to == to; });
}

std::vector<bike_status> allowed_next_statuses(bike_status from)
{
  std::vector<bike_status> next;
  for (const auto& allowed : bike_status_transitions) {
    if (allowed.from == from) next.push_back(allowed.to);
  }
  return next;
}

bool is_loan_managed(bike_status status)
{
  return std::find(loan_managed_statuses.begin(), loan_managed_statuses.end(), status) != loan_managed_statuses.end();
}

}  // namespace pedalpower::domain
