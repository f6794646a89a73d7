#include <algorithm>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/loan_decision.hpp"
#include "pedalpower/domain/loans.hpp"
#include "loans/loan_change.hpp"
#include "pedalpower/domain/policy.hpp"
#include "pedalpower/domain/staff.hpp"
#include "pedalpower/domain/waitlist.hpp"

namespace pedalpower::domain::loan_service {
namespace {

constexpr std::int64_t renewal_window_days = 7;

}  // namespace

outcome<loan> renew(db::connection& db, const actor& who, unix_seconds now, std::int64_t loan_id)
{
  const auto current = find_loan(db, loan_id);
  if (!current) return current.error();
  if (current->status == "lost") return refused("loan_lost", "This loan's bike is recorded as lost; it cannot be renewed.");
  if (current->status != "active") return conflict("loan_not_active", "This loan is already closed.");

  const auto staff = find_staff(db, current->staff_id);
  if (!staff) return staff.error();
  const auto policy = policy_in_force(db, utc_date(now));
  const auto rule = policy ? policy->rule_for(staff->pay_band) : std::nullopt;
  const int queue_ahead = rule ? waiting_ahead_of(db, current->site_id, staff->id, rule->priority_tier) : 0;
  const auto verdict =
      pay_band_policy::decide_renewal(staff.value(), rule, queue_ahead, count_free_bikes(db, current->site_id));
  if (!verdict.allowed()) return *verdict.refusal;

  // The loan keeps the terms it was made under; a band the old version lacks gets today's rule.
  const auto made_under = find_policy_version(db, current->policy_version_id);
  const auto period = (made_under ? made_under->rule_for(staff->pay_band) : std::nullopt).value_or(*rule);
  const auto period_seconds = std::int64_t{period.max_loan_days} * seconds_per_day;
  // A renewal adds one period to a loan in its last week (the second half of a loan shorter than
  // two weeks). Renewals pressed any earlier would stack periods and keep a bike from the waiting
  // list for as long as anyone cared to press.
  const auto window = std::min(renewal_window_days * seconds_per_day, period_seconds / 2);
  if (now < current->due_at - window) {
    // Said to the minute, rounded up, so that the time given is never still too early.
    const auto opens = (current->due_at - window + 59) / 60 * 60;
    return refused("renewal_too_early", "This loan is not due back until " + spoken_date(current->due_at) +
                                            "; it can be renewed from " + spoken_time(opens) + ".");
  }
  const auto due_at = std::max(current->due_at, now) + period_seconds;

  db::savepoint unit(db, "renew");
  db.run("UPDATE loans SET due_at = ?2, renewals = renewals + 1 WHERE id = ?1", current->id, due_at);
  auto renewed = record_loan_change(db, who, now, "loan.renew", current.value());
  unit.commit();
  return renewed;
}

}  // namespace pedalpower::domain::loan_service
