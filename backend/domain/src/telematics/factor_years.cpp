#include "telematics/factor_years.hpp"

namespace pedalpower::domain {

const telematics::factor_set& factor_years::for_year(int trip_year)
{
  if (const auto known = used_.find(trip_year); known != used_.end()) return *known->second;
  const auto& set =
      asked_for_ ? *asked_for_ : telematics::factor_set_for_year(telematics::builtin_factor_sets(), trip_year, scope_);
  used_.emplace(trip_year, &set);
  return set;
}

const telematics::factor_set& factor_years::latest() const
{
  if (!used_.empty()) return *used_.rbegin()->second;
  if (asked_for_) return *asked_for_;
  return telematics::select_factor_set(telematics::builtin_factor_sets(), std::nullopt, scope_);
}

}  // namespace pedalpower::domain
