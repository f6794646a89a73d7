#include "pedalpower/domain/checkout_offer.hpp"

#include <algorithm>
#include <iterator>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/sites.hpp"

namespace pedalpower::domain {
namespace {

nlohmann::json bike_summary(const offered_bike& listed)
{
  const auto& offered = listed.offered;
  nlohmann::json summary = listed.charge;
  summary.update({{"id", offered.id},
                  {"asset_tag", offered.asset_tag},
                  {"make", offered.make},
                  {"model", offered.model},
                  {"odometer_m", offered.odometer_m},
                  {"status", to_string(offered.status)},
                  {"charging", listed.charging}});
  return summary;
}

}  // namespace

void to_json(nlohmann::json& out, const checkout_offer& offer)
{
  auto bikes = nlohmann::json::array();
  for (const auto& offered : offer.bikes) bikes.push_back(bike_summary(offered));
  nlohmann::json allowance = nullptr;
  if (offer.rule) {
    allowance = {{"policy_version_id", *offer.policy_version_id},
                 {"max_loan_days", offer.rule->max_loan_days},
                 {"due_at", offer.due_at ? nlohmann::json(iso8601(*offer.due_at)) : nlohmann::json(nullptr)},
                 {"weekly_fee_pence", offer.rule->weekly_fee_pence},
                 {"deposit_pence", offer.rule->deposit_pence},
                 {"max_concurrent_loans", offer.rule->max_concurrent_loans}};
  }
  const auto& refusal = offer.verdict.refusal;
  out = {
      {"staff", {{"id", offer.staff.id}, {"name", offer.staff.name}, {"staff_number", offer.staff.staff_number}}},
      {"site_id", offer.site_id},
      {"may_borrow", offer.verdict.allowed()},
      {"refusal", refusal ? nlohmann::json{{"code", refusal->code}, {"message", refusal->message}} : nlohmann::json(nullptr)},
      {"allowance", std::move(allowance)},
      {"active_loans", offer.active_loans},
      {"loans", offer.loans},
      {"reservation", offer.held ? nlohmann::json(*offer.held) : nlohmann::json(nullptr)},
      {"min_charge_pct", offer.min_charge_pct},
      {"bikes", std::move(bikes)},
      {"waitlist", offer.waitlist ? nlohmann::json(*offer.waitlist) : nlohmann::json(nullptr)},
      {"may_join_waitlist", offer.may_join_waitlist},
      {"terms", offer.terms ? nlohmann::json(*offer.terms) : nlohmann::json(nullptr)},
  };
}

outcome<checkout_offer> make_checkout_offer(db::connection& db, std::int64_t staff_id, std::int64_t site_id,
                                            unix_seconds now)
{
  auto staff = find_staff(db, staff_id);
  if (!staff) return staff.error();
  if (const auto site = find_site(db, site_id); !site) return site.error();

  checkout_offer offer;
  offer.staff = std::move(staff).value();
  offer.site_id = site_id;
  const auto today = utc_date(now);
  if (const auto policy = policy_in_force(db, today)) {
    offer.policy_version_id = policy->id;
    offer.rule = policy->rule_for(offer.staff.pay_band);
    offer.min_charge_pct = policy->min_charge_pct;
  }
  if (offer.rule) offer.due_at = now + std::int64_t{offer.rule->max_loan_days} * seconds_per_day;
  offer.active_loans = active_loan_count(db, staff_id);
  loan_filter own_active_loans;
  own_active_loans.staff_id = staff_id;
  own_active_loans.status = "active";
  offer.loans = list_loans(db, own_active_loans);
  offer.waitlist = open_waitlist_entry(db, staff_id, site_id, now);
  offer.terms = current_terms(db, now);

  const auto reserved_here = live_reservations_for_staff(db, staff_id, now, site_id);
  bike_facts facts{"available", std::nullopt, 0, count_free_bikes(db, site_id)};
  if (!reserved_here.empty()) {
    offer.held = reserved_here.front();
    facts = {"reserved", offer.held->staff_id, 0, 0};
  } else if (offer.rule) {
    facts.queue_ahead = waiting_ahead_of(db, site_id, staff_id, offer.rule->priority_tier);
  }
  offer.verdict = pay_band_policy::decide_checkout(offer.staff, offer.rule, offer.active_loans, facts, today);
  // With no bike free, that is the reason, whoever else is waiting.
  const bool for_bikes_only = offer.verdict.allowed() || offer.verdict.refusal->code == "waitlist_priority";
  if (for_bikes_only && facts.free_bikes == 0 && !offer.held) {
    offer.verdict.refusal = refused("no_bike_free", "No bike is free at this site just now.");
  }
  if (offer.verdict.allowed()) {
    bike_filter free_here;
    free_here.site_id = site_id;
    free_here.status = bike_status::available;
    std::vector<bike> free;
    if (offer.held) {
      if (auto reserved = find_bike(db, offer.held->bike_id)) free.push_back(std::move(reserved).value());
    } else {
      free = list_bikes(db, free_here);
    }
    offer.bikes = by_charge(db, std::move(free), offer.min_charge_pct, now);
    // A held bike that is charging need not keep its holder waiting while a charged one is free for
    // them: taking another bike releases the hold.
    const bool held_bike_charging = offer.held && !offer.bikes.empty() && offer.bikes.front().charging;
    if (held_bike_charging && offer.rule &&
        waiting_ahead_of(db, site_id, staff_id, offer.rule->priority_tier) < count_free_bikes(db, site_id)) {
      auto charged = by_charge(db, list_bikes(db, free_here), offer.min_charge_pct, now);
      std::erase_if(charged, [](const offered_bike& listed) { return listed.charging; });
      offer.bikes.insert(offer.bikes.begin(), std::make_move_iterator(charged.begin()),
                         std::make_move_iterator(charged.end()));
    }
    const bool any_to_lend = std::any_of(offer.bikes.begin(), offer.bikes.end(),
                                         [](const offered_bike& listed) { return !listed.charging; });
    if (!any_to_lend) {
      offer.verdict.refusal =
          offer.held ? refused("bike_charging", "The bike held for you is charging. Please come back a little later.")
                     : refused("bikes_charging", "Every free bike here is charging. Please come back a little later, "
                                                 "or join the waiting list.");
    }
  }
  const bool person_may_borrow =
      pay_band_policy::decide_person(offer.staff, offer.rule, offer.active_loans, today).allowed();
  // The waiting list is for someone who may borrow but cannot now; anyone who can takes a bike.
  offer.may_join_waitlist = person_may_borrow && !offer.verdict.allowed() && !offer.waitlist && !offer.held;
  return offer;
}

}  // namespace pedalpower::domain
