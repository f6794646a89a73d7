#include "demo_loans.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "demo_catalogue.hpp"
#include "demo_rides.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/faults.hpp"
#include "pedalpower/domain/loans.hpp"
#include "pedalpower/domain/work_orders.hpp"

namespace pedalpower::domain {
namespace {

const actor seeder{"system:demo-seed"};
constexpr unix_seconds hour = 3'600;
constexpr int history_days = 120;
constexpr int default_commute_km = 6;  // for riders whose commute is not recorded

// How each bike's story ends, counted over the fleet; the rest end available.
constexpr int bikes_on_loan = 8;  // the first of them overdue
constexpr int bikes_in_workshop = 4;
constexpr int bikes_retired = 1;
constexpr int bikes_lost = 1;

// Lower tiers borrow more often, as the policy serves them first.
constexpr std::array<int, 4> borrowing_weight_by_tier{8, 5, 2, 1};

enum class ending { available, on_loan, overdue, workshop, retired, lost };

struct planned_loan {
  std::size_t borrower = 0;  ///< index into the staff list
  const bike* lent = nullptr;
  band_rule rule;
  unix_seconds checked_out_at = 0;
  unix_seconds due_at = 0;
  std::optional<unix_seconds> returned_at;
  std::int64_t start_odometer_m = 0;
  std::optional<std::int64_t> end_odometer_m;
  bool lock_missing = false;
  std::vector<demo_trip> trips;  ///< a returned loan's rides
};

struct interval {
  unix_seconds from;
  unix_seconds to;
};

/// Chooses borrowers so that nobody has two bikes at once, everyone borrows at their home site
/// after their induction, and lower pay bands borrow more.
class borrower_picker {
public:
  borrower_picker(const std::vector<staff_member>& staff, const policy_version& policy)
      : staff_(staff), policy_(policy), busy_(staff.size())
  {
  }

  /// A borrower for a loan at `site_id` from `from` to `to`, whose band allows at least `days` days.
  std::optional<std::size_t> pick(demo_random& random, std::int64_t site_id, unix_seconds from, unix_seconds to,
                                  int days)
  {
    std::vector<std::size_t> candidates;
    std::vector<int> weights;
    const auto from_date = utc_date(from);
    for (std::size_t i = 0; i < staff_.size(); ++i) {
      const auto& member = staff_[i];
      const auto rule = policy_.rule_for(member.pay_band);
      if (!member.active || member.home_site_id != site_id || !rule || !rule->eligible || rule->max_loan_days < days ||
          !member.induction_date || *member.induction_date > from_date || overlaps(i, from, to)) {
        continue;
      }
      candidates.push_back(i);
      weights.push_back(borrowing_weight_by_tier[static_cast<std::size_t>(std::min(rule->priority_tier, 4) - 1)]);
    }
    if (candidates.empty()) return std::nullopt;
    const auto chosen = candidates[random.weighted(weights)];
    busy_[chosen].push_back({from, to});
    return chosen;
  }

  band_rule rule_of(std::size_t borrower) const { return policy_.rule_for(staff_[borrower].pay_band).value(); }

private:
  bool overlaps(std::size_t member, unix_seconds from, unix_seconds to) const
  {
    return std::any_of(busy_[member].begin(), busy_[member].end(),
                       [&](const interval& taken) { return from < taken.to + seconds_per_day && taken.from < to + seconds_per_day; });
  }

  const std::vector<staff_member>& staff_;
  const policy_version& policy_;
  std::vector<std::vector<interval>> busy_;
};

std::vector<ending> deal_endings(demo_random& random, std::size_t fleet_size)
{
  std::vector<ending> endings(fleet_size, ending::available);
  std::size_t next = 0;
  const auto deal = [&](ending kind, int count) {
    for (int i = 0; i < count && next < fleet_size; ++i) endings[next++] = kind;
  };
  deal(ending::overdue, 1);
  deal(ending::on_loan, bikes_on_loan - 1);
  deal(ending::workshop, bikes_in_workshop);
  deal(ending::retired, bikes_retired);
  deal(ending::lost, bikes_lost);
  for (std::size_t i = endings.size(); i > 1; --i) {
    std::swap(endings[i - 1], endings[static_cast<std::size_t>(random.between(0, static_cast<std::int64_t>(i) - 1))]);
  }
  return endings;
}

/// The loan a bike is out on at `now`, if its story ends on loan; nullopt if nobody can borrow it.
/// A current loan started in the last three weeks; the overdue one passed its due date a few days ago.
std::optional<planned_loan> plan_active_loan(demo_random& random, borrower_picker& borrowers, unix_seconds now,
                                             const bike& lent, bool overdue)
{
  const int days_out = static_cast<int>(random.between(1, 20));
  // The overdue borrower is chosen as if the loan began before the longest loan any band has, which
  // holds whatever their band turns out to be.
  const unix_seconds earliest_start = overdue ? now - 100 * seconds_per_day : now - days_out * seconds_per_day;
  const auto borrower = borrowers.pick(random, lent.site_id, earliest_start, now, overdue ? 1 : days_out);
  if (!borrower) return std::nullopt;
  planned_loan loan;
  loan.borrower = *borrower;
  loan.lent = &lent;
  loan.rule = borrowers.rule_of(*borrower);
  const int days_since_checkout = overdue ? loan.rule.max_loan_days + static_cast<int>(random.between(2, 6)) : days_out;
  loan.checked_out_at = now - days_since_checkout * seconds_per_day - random.between(0, 8) * hour;
  loan.due_at = loan.checked_out_at + loan.rule.max_loan_days * seconds_per_day;
  return loan;
}

/// Returned loans of one bike, walking back from `until` to the start of the history.
std::vector<planned_loan> plan_returned_loans(demo_random& random, borrower_picker& borrowers, unix_seconds now,
                                              const bike& lent, unix_seconds until)
{
  std::vector<planned_loan> loans;
  const unix_seconds history_start = now - history_days * seconds_per_day;
  unix_seconds returned_at = until;
  while (true) {
    const int days = static_cast<int>(random.between(10, 45));
    const unix_seconds checked_out_at = returned_at - days * seconds_per_day - random.between(0, 8) * hour;
    if (checked_out_at < history_start) break;
    if (const auto borrower = borrowers.pick(random, lent.site_id, checked_out_at, returned_at, days)) {
      planned_loan loan;
      loan.borrower = *borrower;
      loan.lent = &lent;
      loan.rule = borrowers.rule_of(*borrower);
      loan.checked_out_at = checked_out_at;
      loan.due_at = checked_out_at + loan.rule.max_loan_days * seconds_per_day;
      loan.returned_at = returned_at;
      loan.lock_missing = random.chance(4);
      loans.push_back(loan);
    }
    returned_at = checked_out_at - random.between(1, 10) * seconds_per_day;
  }
  std::reverse(loans.begin(), loans.end());
  return loans;
}

/// Runs the bike's odometer forward through the commutes of its returned loans, and technicians'
/// test rides between loans. A loan still out has only its start reading. Returns the last reading.
std::int64_t ride(demo_random& random, const std::vector<staff_member>& staff, std::vector<planned_loan>& loans,
                  std::int64_t odometer_m)
{
  for (auto& loan : loans) {
    loan.start_odometer_m = odometer_m;
    if (!loan.returned_at) continue;
    const double commute_km = staff[loan.borrower].commute_distance_km.value_or(default_commute_km);
    loan.trips = plan_commutes(random, loan.checked_out_at, *loan.returned_at, commute_km);
    for (const auto& trip : loan.trips) odometer_m += trip.distance_m;
    loan.end_odometer_m = odometer_m;
    odometer_m += random.between(0, 3) * 1000;
  }
  return odometer_m;
}

std::int64_t insert_loan(db::connection& db, const planned_loan& loan, const policy_version& policy,
                         const std::string& terms_version, const std::vector<staff_member>& staff)
{
  std::optional<std::string> condition;
  if (loan.returned_at) condition = R"({"brakes":true,"lights":true,"tyres":true,"battery":true})";
  db.run("INSERT INTO loans(staff_id, bike_id, site_id, policy_version_id, terms_version, weekly_fee_pence, "
         "deposit_pence, status, checked_out_at, due_at, start_odometer_m, returned_at, end_odometer_m, "
         "return_condition, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
         staff[loan.borrower].id, loan.lent->id, loan.lent->site_id, policy.id, terms_version, loan.rule.weekly_fee_pence,
         loan.rule.deposit_pence, loan.returned_at ? "returned" : "active", loan.checked_out_at, loan.due_at,
         loan.start_odometer_m, loan.returned_at, loan.end_odometer_m, condition, seeder.label);
  const auto loan_id = db.last_insert_rowid();
  for (const auto& kind : accessory_kinds) {
    std::optional<bool> returned;
    if (loan.returned_at) returned = !(kind.code == "lock" && loan.lock_missing);
    db.run("INSERT INTO loan_accessories(loan_id, kind, issued, returned) VALUES (?1, ?2, 1, ?3)", loan_id, kind.code,
           returned);
  }
  return loan_id;
}

void move_bike(db::connection& db, unix_seconds at, const bike& moved, bike_status to, const std::string& note)
{
  const auto changed = change_bike_status(db, seeder, at, moved.id, to, note);
  if (!changed) throw std::logic_error("demo seed: bike " + moved.asset_tag + ": " + changed.error().message);
}

}  // namespace

void seed_demo_loans(db::connection& db, unix_seconds now, demo_random& random, const policy_version& policy,
                     const std::string& terms_version, const std::vector<bike>& bikes,
                     const std::vector<staff_member>& staff, demo_seed_summary& summary)
{
  borrower_picker borrowers(staff, policy);
  const auto endings = deal_endings(random, bikes.size());
  std::vector<planned_loan> all_loans;
  std::map<std::int64_t, std::optional<std::int64_t>> last_loan_of_bike;
  std::vector<std::pair<const bike*, std::int64_t>> final_odometers;

  for (std::size_t b = 0; b < bikes.size(); ++b) {
    const auto& lent = bikes[b];
    const bool lent_now = endings[b] == ending::on_loan || endings[b] == ending::overdue;
    auto active = lent_now ? plan_active_loan(random, borrowers, now, lent, endings[b] == ending::overdue) : std::nullopt;
    const unix_seconds history_end =
        (active ? active->checked_out_at : now) - random.between(1, 6) * seconds_per_day - random.between(0, 8) * hour;
    auto loans = plan_returned_loans(random, borrowers, now, lent, history_end);
    if (active) loans.push_back(*active);
    final_odometers.emplace_back(&lent, ride(random, staff, loans, lent.odometer_m));
    all_loans.insert(all_loans.end(), loans.begin(), loans.end());
  }

  std::sort(all_loans.begin(), all_loans.end(),
            [](const planned_loan& a, const planned_loan& b) { return a.checked_out_at < b.checked_out_at; });
  for (const auto& loan : all_loans) {
    const auto loan_id = insert_loan(db, loan, policy, terms_version, staff);
    insert_trip_summaries(db, loan.lent->id, loan_id, loan.trips, now);
    summary.trips += static_cast<int>(loan.trips.size());
    if (loan.returned_at) {
      ++summary.loans_returned;
      last_loan_of_bike[loan.lent->id] = loan_id;
    } else {
      ++summary.loans_active;
      if (loan.due_at < now) ++summary.loans_overdue;
      move_bike(db, loan.checked_out_at, *loan.lent, bike_status::on_loan, "");
    }
  }
  for (const auto& [moved, odometer_m] : final_odometers) {
    const auto recorded = record_bike_odometer(db, seeder, now, moved->id, odometer_m);
    if (!recorded) throw std::logic_error("demo seed: odometer of " + moved->asset_tag + ": " + recorded.error().message);
  }

  std::size_t fault_number = 0;
  for (std::size_t b = 0; b < bikes.size(); ++b) {
    const auto& moved = bikes[b];
    if (endings[b] == ending::workshop) {
      const auto& fault = demo_catalogue::workshop_faults[fault_number++ % demo_catalogue::workshop_faults.size()];
      const auto reported = report_fault(db, seeder, now - seconds_per_day, moved.id, last_loan_of_bike[moved.id],
                                         {std::string(fault.category), std::string(fault.note), false});
      if (!reported) throw std::logic_error("demo seed: fault on " + moved.asset_tag + ": " + reported.error().message);
      ++summary.fault_reports;
      // A safety fault took the bike into the workshop when reported; other work starts on it at once.
      if (!reported->safety) {
        const auto started = change_work_order_status(db, seeder, now - seconds_per_day, reported->work_order_id,
                                                      "in_progress", std::string(fault.note));
        if (!started) throw std::logic_error("demo seed: work on " + moved.asset_tag + ": " + started.error().message);
      }
    } else if (endings[b] == ending::retired) {
      move_bike(db, now - 2 * seconds_per_day, moved, bike_status::retired, "Frame cracked at the head tube; written off");
    } else if (endings[b] == ending::lost) {
      move_bike(db, now - 3 * seconds_per_day, moved, bike_status::lost, "Missing from the cycle shelter; reported to security");
    }
  }
}

}  // namespace pedalpower::domain
