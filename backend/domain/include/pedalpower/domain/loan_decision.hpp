#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pedalpower/core/outcome.hpp"
#include "pedalpower/domain/policy.hpp"
#include "pedalpower/domain/staff.hpp"

namespace pedalpower::domain {

/// The pay-band policy's answer: allowed, or refused with a stable code and words a kiosk can show.
struct decision {
  std::optional<problem> refusal;

  bool allowed() const noexcept { return !refusal; }
};

/// Where a bike stands, and who else at its site is waiting for one.
struct bike_facts {
  std::string status;                        ///< bikes.status
  std::optional<std::int64_t> reserved_for;  ///< staff id holding a live reservation on it
  int queue_ahead = 0;  ///< people still waiting at the site who rank ahead of the borrower
  int free_bikes = 0;   ///< available, unreserved bikes at the site, this one included
  bool open_safety_work = false;  ///< a safety work order on it awaits a technician's sign-off
  bool needs_charging = false;    ///< its last battery report is below the policy's lowest charge
};

/// The pay-band rules as pure functions: no database, no clock; callers gather the facts.
///
/// The waitlist rule: the queue at a site is ordered by priority tier, then by when people joined.
/// Someone ranks ahead of a borrower when they are still waiting (not yet offered a bike) and come
/// first in that order; a borrower not in the queue ranks behind everyone of a higher or equal tier.
/// A loan may go ahead only if it leaves enough free bikes at the site for everyone ahead.
namespace pay_band_policy {

/// May this person borrow at all today: active, covered by a rule, eligible, inducted, under the limit.
decision decide_person(const staff_member& staff, const std::optional<band_rule>& rule, int active_loans,
                       const std::string& today);

/// May this person take this bike now: the person checks, then the bike's state and the queue.
decision decide_checkout(const staff_member& staff, const std::optional<band_rule>& rule, int active_loans,
                         const bike_facts& bike, const std::string& today);

/// May this borrower keep their bike for another period. `queue_ahead` counts everyone waiting at the
/// loan's site with a higher or equal tier; `free_bikes` the available, unreserved bikes there.
decision decide_renewal(const staff_member& staff, const std::optional<band_rule>& rule, int queue_ahead,
                        int free_bikes);

}  // namespace pay_band_policy

}  // namespace pedalpower::domain
