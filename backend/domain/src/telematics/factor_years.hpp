#pragma once

#include <map>

#include "pedalpower/telematics/factor_set.hpp"

namespace pedalpower::domain {

/// The built-in factor set each trip year uses: the one asked for, or else that year's (the nearest
/// year's where there is none), remembering which set served which years for the answer's method.
class factor_years {
public:
  explicit factor_years(telematics::factor_scope scope, const telematics::factor_set* asked_for = nullptr)
      : scope_(scope), asked_for_(asked_for)
  {
  }

  const telematics::factor_set& for_year(int trip_year);
  /// Trip year -> the set it used, in year order.
  const std::map<int, const telematics::factor_set*>& used() const noexcept { return used_; }
  /// The set of the latest trip year used; before any, the one asked for or the newest built in.
  const telematics::factor_set& latest() const;
  telematics::factor_scope scope() const noexcept { return scope_; }

private:
  telematics::factor_scope scope_;
  const telematics::factor_set* asked_for_;
  std::map<int, const telematics::factor_set*> used_;
};

}  // namespace pedalpower::domain
