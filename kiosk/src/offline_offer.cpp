#include "pedalpower/kiosk/offline_offer.hpp"

#include <algorithm>

namespace pedalpower::kiosk {
namespace {

bool lent_meanwhile(const nlohmann::json& bike, const std::vector<journal_entry>& pending_checkouts)
{
  return std::any_of(pending_checkouts.begin(), pending_checkouts.end(), [&](const journal_entry& lent) {
    return lent.payload.value("bike_id", std::int64_t{0}) == bike.value("id", std::int64_t{-1});
  });
}

// As the backend last reported it: too low to lend.
bool charging(const nlohmann::json& bike) { return bike.value("charging", false); }

nlohmann::json refusal(const std::string& code, const std::string& message)
{
  return {{"code", code}, {"message", message}};
}

}  // namespace

nlohmann::json offline_offer(const cached_staff& person, const nlohmann::json& site_bikes,
                             const std::vector<journal_entry>& pending_checkouts, unix_seconds now)
{
  const auto& seen = person.allowance;
  nlohmann::json offer{
      {"staff", {{"id", person.staff_id}, {"name", person.name}, {"staff_number", person.staff_number}}},
      {"offline", true},
      {"allowance", seen.value("allowance", nlohmann::json(nullptr))},
      {"loans", seen.value("loans", nlohmann::json::array())},
      {"reservation", nullptr},
      {"waitlist", nullptr},
      {"may_join_waitlist", false},
      {"terms", seen.value("terms", nlohmann::json(nullptr))},
      {"bikes", nlohmann::json::array()},
      {"refusal", nullptr},
  };
  const auto lent_by_them = std::count_if(pending_checkouts.begin(), pending_checkouts.end(),
                                          [&](const journal_entry& lent) { return lent.staff_id == person.staff_id; });
  const auto active = seen.value("active_loans", 0) + static_cast<int>(lent_by_them);
  offer["active_loans"] = active;

  const auto cached_refusal = seen.value("refusal", nlohmann::json(nullptr));
  const auto refusal_code = cached_refusal.is_object() ? cached_refusal.value("code", "") : std::string();
  // What the bikes were like then is not the person's standing: the snapshot decides that now.
  const bool refused_for_bikes_only = refusal_code == "no_bike_free" || refusal_code == "bikes_charging";
  if (cached_refusal.is_object() && !refused_for_bikes_only) {
    offer["refusal"] = cached_refusal;
  } else if (!offer["allowance"].is_object()) {
    offer["refusal"] = refusal("offline_allowance_unknown",
                               "The server cannot be reached and this kiosk does not know what you may borrow.");
  } else if (active >= offer["allowance"].value("max_concurrent_loans", 1)) {
    offer["refusal"] = refusal("loan_limit_reached", "You already have as many bikes on loan as your pay band allows.");
  } else {
    for (const auto& bike : site_bikes) {
      if (!lent_meanwhile(bike, pending_checkouts)) offer["bikes"].push_back(bike);
    }
    const auto& bikes = offer["bikes"];
    if (bikes.empty()) {
      offer["refusal"] = refusal("no_bike_free", "No bike is free at this site.");
    } else if (std::all_of(bikes.begin(), bikes.end(), charging)) {
      offer["refusal"] = refusal("bikes_charging", "Every free bike here is charging. Please come back a little later.");
    }
  }
  offer["may_borrow"] = offer["refusal"].is_null();
  if (offer["allowance"].is_object()) {
    const auto days = offer["allowance"].value("max_loan_days", 0);
    offer["allowance"]["due_at"] = pedalpower::iso8601(now + std::int64_t{days} * 86400);
  }
  return offer;
}

std::optional<pedalpower::problem> offline_checkout_refusal(const nlohmann::json& offer, std::int64_t bike_id,
                                                        const std::string& terms_version)
{
  if (!offer.value("may_borrow", false)) {
    const auto& why = offer.at("refusal");
    return pedalpower::refused(why.value("code", "refused"), why.value("message", "You cannot borrow a bike now."));
  }
  const auto& bikes = offer.at("bikes");
  const auto chosen = std::find_if(bikes.begin(), bikes.end(), [&](const nlohmann::json& bike) {
    return bike.value("id", std::int64_t{-1}) == bike_id;
  });
  if (chosen == bikes.end()) {
    return pedalpower::refused("bike_unavailable", "That bike is not free. Please pick another.", "bike_id");
  }
  if (charging(*chosen)) {
    return pedalpower::refused("bike_charging", "This bike's battery is too low to lend; it is charging.", "bike_id");
  }
  const auto& terms = offer.at("terms");
  if (!terms.is_object() || terms.value("version", "") != terms_version) {
    return pedalpower::invalid("terms_version", "Please accept the current terms.", "terms_not_current");
  }
  return std::nullopt;
}

}  // namespace pedalpower::kiosk
