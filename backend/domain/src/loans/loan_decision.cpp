#include "pedalpower/domain/loan_decision.hpp"

namespace pedalpower::domain::pay_band_policy {
namespace {

decision refuse(std::string code, std::string message) { return {refused(std::move(code), std::move(message))}; }

decision decide_standing(const staff_member& staff, const std::optional<band_rule>& rule)
{
  if (!staff.active) return refuse("staff_inactive", "This staff record is not active.");
  if (!rule) return refuse("no_policy", "No loan policy covers this pay band yet.");
  if (!rule->eligible) return refuse("not_eligible", "This pay band is not eligible for loans under the current policy.");
  return {};
}

}  // namespace

decision decide_person(const staff_member& staff, const std::optional<band_rule>& rule, int active_loans,
                       const std::string& today)
{
  if (auto standing = decide_standing(staff, rule); !standing.allowed()) return standing;
  // Dates are 'YYYY-MM-DD', so text order is calendar order; a booked future induction does not count yet.
  const bool inducted = staff.induction_date && *staff.induction_date <= today;
  if (rule->induction_required && !inducted) {
    return refuse("induction_required", "A ride induction is needed before the first loan.");
  }
  if (active_loans >= rule->max_concurrent_loans) {
    return refuse("loan_limit_reached", "This person already has as many bikes as their pay band allows.");
  }
  return {};
}

decision decide_checkout(const staff_member& staff, const std::optional<band_rule>& rule, int active_loans,
                         const bike_facts& bike, const std::string& today)
{
  if (auto person = decide_person(staff, rule, active_loans, today); !person.allowed()) return person;
  if (bike.open_safety_work) {
    return refuse("bike_awaiting_safety_check", "This bike has a safety fault open; a technician must sign it off first.");
  }
  if (bike.status != "available" && bike.status != "reserved") {
    return refuse("bike_unavailable", "This bike cannot be lent out right now.");
  }
  if (bike.needs_charging) return refuse("bike_charging", "This bike's battery is too low to lend; it is charging.");
  if (bike.reserved_for) {
    if (*bike.reserved_for != staff.id) return refuse("bike_reserved", "This bike is held for someone else.");
    return {};
  }
  if (bike.status == "reserved") return refuse("bike_reserved", "This bike is held for someone else.");
  if (bike.queue_ahead >= bike.free_bikes) {
    return refuse("waitlist_priority", "People ahead in the waiting list at this site need the free bikes.");
  }
  return {};
}

decision decide_renewal(const staff_member& staff, const std::optional<band_rule>& rule, int queue_ahead,
                        int free_bikes)
{
  if (auto standing = decide_standing(staff, rule); !standing.allowed()) return standing;
  if (queue_ahead > free_bikes) {
    return refuse("waitlist_priority", "Someone with the same or a higher priority is waiting for a bike at this site.");
  }
  return {};
}

}  // namespace pedalpower::domain::pay_band_policy
