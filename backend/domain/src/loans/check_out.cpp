#include "accessory_kinds.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/error.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/bike_charge.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/loan_decision.hpp"
#include "pedalpower/domain/loans.hpp"
#include "pedalpower/domain/policy.hpp"
#include "pedalpower/domain/site_scope.hpp"
#include "pedalpower/domain/staff.hpp"
#include "pedalpower/domain/terms.hpp"
#include "pedalpower/domain/waitlist.hpp"
#include "pedalpower/domain/work_orders.hpp"

namespace pedalpower::domain::loan_service {
namespace {

/// A kiosk's refusal of a bike kept at another site than its own; none for anyone else, or for a
/// bike that does not exist (answered later, in its turn).
std::optional<problem> other_site_bike(db::connection& db, const checkout_input& input)
{
  if (!input.where.kiosk_site) return std::nullopt;
  const auto asked = find_bike(db, input.bike_id);
  if (!asked) return std::nullopt;
  return other_site_refusal(input.where, asked->site_id,
                            "This bike belongs to another site; take one from this kiosk's site.", "bike_id");
}

}  // namespace

outcome<loan> check_out(db::connection& db, const actor& who, unix_seconds now, const checkout_input& input)
{
  // Before anything else is looked at, as the kiosk would be refused the bike's page.
  if (auto refusal = other_site_bike(db, input)) return *refusal;
  if (auto failure = check_accessory_kinds(input.accessories, "accessories")) return *failure;
  if (input.terms_version.empty()) return invalid("terms_version", "The borrower must accept the loan terms.");
  // Inside the unit, so that a refusal leaves even the expiry to the next run.
  db::savepoint unit(db, "check_out");
  expire_reservations(db, now);

  const auto staff = find_staff(db, input.staff_id);
  if (!staff) return staff.error();
  const auto bike = find_bike(db, input.bike_id);
  if (!bike) return bike.error();
  const auto terms = current_terms(db, now);
  if (!terms || terms->version != input.terms_version) {
    return refused("terms_not_current", "These are not the current loan terms; show the current terms again.",
                   "terms_version");
  }

  const auto today = utc_date(now);
  const auto policy = policy_in_force(db, today);
  const auto rule = policy ? policy->rule_for(staff->pay_band) : std::nullopt;
  const auto held = live_reservation_for_bike(db, bike->id, now);
  const int active_loans = active_loan_count(db, staff->id);
  const bike_facts facts{std::string(to_string(bike->status)),
                         held ? std::optional(held->staff_id) : std::nullopt,
                         rule ? waiting_ahead_of(db, bike->site_id, staff->id, rule->priority_tier) : 0,
                         count_free_bikes(db, bike->site_id), has_open_safety_work(db, bike->id),
                         policy && needs_charging(last_charge(db, bike->id, now), policy->min_charge_pct)};
  const auto verdict = pay_band_policy::decide_checkout(staff.value(), rule, active_loans, facts, today);
  if (!verdict.allowed()) return *verdict.refusal;

  const auto start_odometer_m = input.start_odometer_m.value_or(bike->odometer_m);
  if (start_odometer_m < bike->odometer_m) {
    return invalid("start_odometer_m", "The start reading cannot be below the bike's odometer (" +
                                           std::to_string(bike->odometer_m) + " m).");
  }

  try {
    db.run("INSERT INTO loans(staff_id, bike_id, site_id, policy_version_id, terms_version, weekly_fee_pence,"
           " deposit_pence, checked_out_at, due_at, start_odometer_m, created_by)"
           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
           staff->id, bike->id, bike->site_id, policy->id, terms->version, rule->weekly_fee_pence, rule->deposit_pence,
           now, now + std::int64_t{rule->max_loan_days} * seconds_per_day, start_odometer_m, who.label);
  } catch (const db::constraint_error&) {
    // The partial unique index on active loans: another checkout of this bike got there first.
    return refused("bike_unavailable", "This bike has just been lent to someone else.");
  }
  const auto loan_id = db.last_insert_rowid();
  for (const auto& kind : input.accessories) {
    db.run("INSERT INTO loan_accessories(loan_id, kind, issued) VALUES (?1, ?2, 1)", loan_id, kind);
  }
  if (held) close_reservation(db, who, now, *held, "fulfilled");
  if (const auto moved = change_bike_status(db, who, now, bike->id, bike_status::on_loan,
                                            "loan " + std::to_string(loan_id));
      !moved) {
    return moved.error();
  }
  // At the band's limit the person can take no bike anywhere, so they stop waiting everywhere.
  const bool at_limit = active_loans + 1 >= rule->max_concurrent_loans;
  fulfil_waitlist_entries(db, who, now, staff->id, at_limit ? std::nullopt : std::optional(bike->site_id));

  auto created = find_loan(db, loan_id);
  record_creation(db, who, now, "loan.check_out", "loan", created.value());
  unit.commit();
  return created;
}

}  // namespace pedalpower::domain::loan_service
