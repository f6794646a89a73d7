#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "pedalpower/domain/bike_charge.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/loan_decision.hpp"
#include "pedalpower/domain/loans.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/domain/bikes_by_charge.hpp"
#include "pedalpower/domain/policy.hpp"
#include "pedalpower/domain/reservations.hpp"
#include "pedalpower/domain/staff.hpp"
#include "pedalpower/domain/terms.hpp"
#include "pedalpower/domain/waitlist.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Everything a kiosk's checkout screen shows one identified staff member at one site.
struct checkout_offer {
  staff_member staff;
  std::int64_t site_id = 0;
  decision verdict;                          ///< may they take a bike here now, and if not why
  std::optional<std::int64_t> policy_version_id;
  std::optional<band_rule> rule;             ///< what their band allows
  std::optional<unix_seconds> due_at;        ///< when a loan made now would be due
  int active_loans = 0;
  std::vector<loan> loans;                   ///< their active loans, to return or renew
  std::optional<reservation> held;           ///< a bike reserved for them at this site
  int min_charge_pct = 0;                    ///< the policy's lowest charge to lend
  std::vector<offered_bike> bikes;           ///< the bikes free for them, best-charged first
  std::optional<waitlist_entry> waitlist;    ///< their place in the queue here
  bool may_join_waitlist = false;            ///< only when they may borrow but cannot now
  std::optional<terms_version> terms;        ///< the terms they must accept
};

/// Renders the offer for the kiosk: names the person but not their pay band.
void to_json(nlohmann::json& out, const checkout_offer& offer);

/// The offer for `staff_id` at `site_id` as of `now`. Problems: not_found for the person or the site.
outcome<checkout_offer> make_checkout_offer(db::connection& db, std::int64_t staff_id, std::int64_t site_id,
                                            unix_seconds now);

}  // namespace pedalpower::domain
