#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// What one pay band may do under one policy version.
struct band_rule {
  std::string pay_band;
  bool eligible = false;
  int priority_tier = 1;  ///< 1 is served first
  int max_loan_days = 28;
  std::int64_t weekly_fee_pence = 0;
  std::int64_t deposit_pence = 0;
  int max_concurrent_loans = 1;
  bool induction_required = true;
};

/// A pay-band policy as it stood from `effective_from`; loans keep the version they were made under.
struct policy_version {
  std::int64_t id = 0;
  std::string effective_from;  ///< 'YYYY-MM-DD'
  int reservation_hold_hours = 24;
  int min_charge_pct = 30;  ///< bikes whose last battery report is lower are charging, not lent
  std::string note;
  std::vector<band_rule> bands;  ///< one per pay band

  /// The rule for `pay_band`; nullopt if the version has none.
  std::optional<band_rule> rule_for(std::string_view pay_band) const;
};

void to_json(nlohmann::json& out, const band_rule& value);
void to_json(nlohmann::json& out, const policy_version& value);

/// The version in force on `date` ('YYYY-MM-DD'): the latest whose effective_from is on or before it.
/// A not_found problem if none is in force yet.
outcome<policy_version> policy_in_force(db::connection& db, const std::string& date);
/// The policy version with this id, or a not_found problem.
outcome<policy_version> find_policy_version(db::connection& db, std::int64_t id);

}  // namespace pedalpower::domain
