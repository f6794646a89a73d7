#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/faults.hpp"
#include "pedalpower/domain/site_scope.hpp"
#include "pedalpower/domain/listing.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/domain/reservations.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// What may be handed out with a bike: the one list, served to screens by GET /api/v1/choices.
struct accessory_kind {
  std::string_view code;
  std::string_view label;  ///< as a screen shows it
};
inline constexpr std::array<accessory_kind, 4> accessory_kinds{
    {{"helmet", "Helmet"}, {"lock", "Lock"}, {"charger", "Charger"}, {"lights", "Lights"}}};

struct loan_accessory {
  std::string kind;
  std::optional<bool> returned;  ///< unknown until the bike comes back
};

/// Who borrowed, as a list names them for those who may know who has which bike.
struct loan_borrower {
  std::string name;
  std::string staff_number;
};

/// A bike lent to a staff member, with the policy, terms, fee and deposit it was made under.
struct loan {
  std::int64_t id = 0;
  std::int64_t staff_id = 0;
  std::int64_t bike_id = 0;
  std::int64_t site_id = 0;
  std::int64_t policy_version_id = 0;
  std::string terms_version;
  std::int64_t weekly_fee_pence = 0;
  std::int64_t deposit_pence = 0;
  std::string status;  ///< active, returned, lost
  unix_seconds checked_out_at = 0;
  unix_seconds due_at = 0;
  std::int64_t start_odometer_m = 0;
  int renewals = 0;
  std::optional<unix_seconds> returned_at;
  std::optional<std::int64_t> end_odometer_m;
  std::optional<nlohmann::json> return_condition;  ///< named checks -> passed
  std::string created_by;
  std::string bike_tag;                     ///< the bike's asset tag, as read with the loan
  std::string site_code;                    ///< the site's code, as read with the loan
  std::vector<loan_accessory> accessories;  ///< the kinds handed out
  std::optional<loan_borrower> borrower;    ///< only from a list asked for borrower names

  /// Kilometres ridden between checkout and return, when the end odometer is known.
  std::optional<double> distance_km() const;
  bool overdue_at(unix_seconds now) const { return status == "active" && due_at < now; }
};

void to_json(nlohmann::json& out, const loan& lent);

struct checkout_input {
  std::int64_t staff_id = 0;
  std::int64_t bike_id = 0;
  std::vector<std::string> accessories;  ///< kinds handed out with the bike
  std::string terms_version;             ///< the terms the borrower accepted
  std::optional<std::int64_t> start_odometer_m;  ///< the bike's own reading when absent
  site_scope where;                              ///< a kiosk lends only the bikes kept at its site
};

struct return_input {
  std::int64_t loan_id = 0;
  std::optional<std::int64_t> end_odometer_m;
  nlohmann::json condition = nlohmann::json::object();  ///< return_checks codes -> passed
  std::vector<std::string> accessories_returned;        ///< issued kinds that came back
  std::optional<fault_input> fault;
  /// The site the bike was brought back to, when known (a kiosk's). A bike returned at another
  /// store stays there: it is recorded at that site, and offered to those waiting there.
  std::optional<std::int64_t> returned_at_site;
};

struct return_receipt {
  loan returned;
  std::string bike_status;  ///< available, reserved (offered to the next person) or maintenance
  /// Every fault the return filed: the one reported, then one for each check answered false in
  /// another category.
  std::vector<fault_report> faults;
  std::optional<reservation> offered;  ///< the returned bike, held for the next person waiting
};

struct loan_filter {
  std::optional<std::int64_t> staff_id;
  std::optional<std::int64_t> bike_id;
  std::optional<std::int64_t> site_id;
  std::optional<std::string> status;
  std::optional<unix_seconds> overdue_at;  ///< only active loans due before this time
  /// Only active loans due from the first time and before the second: those coming back soon.
  std::optional<std::pair<unix_seconds, unix_seconds>> due_between;
};

namespace loan_service {

/// Lends a bike: checks the accepted terms are current, the pay-band policy and the bike's state and
/// queue; snapshots the fee, deposit and policy; due after the band's whole loan days. The bike goes
/// on loan; a reservation it was held under and the borrower's waiting-list entry are fulfilled.
/// Expired reservations are settled first. Refusals change nothing. Audited.
outcome<loan> check_out(db::connection& db, const actor& who, unix_seconds now, const checkout_input& input);

/// Takes a bike back: end odometer, condition, accessories, an optional fault; each return check
/// answered false files a fault of its category too, unless the one reported has it. A safety fault sends
/// the bike to maintenance; otherwise it is offered to the next person waiting at its site. Audited.
outcome<return_receipt> return_bike(db::connection& db, const actor& who, unix_seconds now, const return_input& input);

/// Extends an active loan by its policy's loan days from the due date (from now when already overdue),
/// unless someone of higher or equal tier waits for a bike at its site. Audited.
outcome<loan> renew(db::connection& db, const actor& who, unix_seconds now, std::int64_t loan_id);

/// Records an active loan's bike as lost: the loan and the bike become `lost`. Audited.
outcome<loan> mark_lost(db::connection& db, const actor& who, unix_seconds now, std::int64_t loan_id,
                        const std::string& note);

}  // namespace loan_service

/// The loan with this id, or a not_found problem.
outcome<loan> find_loan(db::connection& db, std::int64_t loan_id);
/// Every loan matching `filter`, newest first.
std::vector<loan> list_loans(db::connection& db, const loan_filter& filter);
/// Whether a list of loans names each borrower: personal data, for the roles that need it.
enum class borrower_names { left_out, included };
/// One page of the loans matching `filter`, newest first (longest overdue first when `overdue_at` is
/// given) unless `wanted` sorts by checked_out_at, due_at, returned_at, staff_id, bike_id, site_id,
/// status or id; with each borrower's name and staff number, read in the same query, when `names`
/// includes them. Problems: invalid "sort", "page" or "page_size".
outcome<list_page<loan>> list_loans(db::connection& db, const loan_filter& filter, const page_request& wanted,
                                    borrower_names names = borrower_names::left_out);
/// Active loans due before `now`, longest overdue first.
std::vector<loan> overdue_loans(db::connection& db, unix_seconds now);
/// How many loans `staff_id` has out now.
int active_loan_count(db::connection& db, std::int64_t staff_id);

}  // namespace pedalpower::domain
