#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/listing.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/domain/reservations.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// A person's place in the queue for a bike at one site.
struct waitlist_entry {
  std::int64_t id = 0;
  std::int64_t staff_id = 0;
  std::int64_t site_id = 0;
  int priority_tier = 1;  ///< the band's tier when they joined
  unix_seconds joined_at = 0;
  std::string status;  ///< waiting, offered, fulfilled, left, expired
  std::optional<unix_seconds> closed_at;
  std::optional<int> position;        ///< 1 for the next to be offered, while waiting
  std::optional<reservation> offer;   ///< the bike held for them, while offered
};

void to_json(nlohmann::json& out, const waitlist_entry& entry);

/// Puts `staff_id` in the queue at `site_id` with their band's tier. Refused when they already wait
/// there (`already_waiting`) or the pay-band policy says no (`not_eligible`, `loan_limit_reached`, ...).
/// A free bike at the site is offered at once. Audited.
outcome<waitlist_entry> join_waitlist(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                                      std::int64_t site_id);

/// Takes an open entry out of the queue; a bike held for it is released to the next person. Audited.
outcome<waitlist_entry> leave_waitlist(db::connection& db, const actor& who, unix_seconds now, std::int64_t entry_id);

/// Closes `staff_id`'s open entries (at `site_id`, or everywhere when absent) as fulfilled, because they
/// got a bike; reservations they held on other bikes are cancelled and offered on. Audited.
void fulfil_waitlist_entries(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                             std::optional<std::int64_t> site_id);

/// Takes someone who has left the scheme out of every queue, as if they had left each one: bikes
/// held for them go to the next person. Audited as "waitlist.left_on_leaving_scheme", apart from a
/// place someone gave up themselves.
void leave_every_waitlist(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id);

/// The entry with this id, with its place or offer as of `now`, or a not_found problem.
outcome<waitlist_entry> find_waitlist_entry(db::connection& db, std::int64_t entry_id, unix_seconds now);
/// The person's open entry at the site, with their place or offer, if they have one.
std::optional<waitlist_entry> open_waitlist_entry(db::connection& db, std::int64_t staff_id, std::int64_t site_id,
                                                  unix_seconds now);
/// The person's open entries at every site.
std::vector<waitlist_entry> open_waitlist_entries_of(db::connection& db, std::int64_t staff_id, unix_seconds now);
/// The open entries at a site in queue order: those offered a bike first, then those waiting.
std::vector<waitlist_entry> site_waitlist(db::connection& db, std::int64_t site_id, unix_seconds now);

struct waitlist_filter {
  std::optional<std::int64_t> site_id;
  std::optional<std::int64_t> staff_id;
  std::optional<std::string> status;  ///< waiting, offered, fulfilled, left, expired; open ones (waiting or offered) when absent
  std::optional<int> priority_tier;
};

/// One page of the entries matching `filter`, each with its place or offer as of `now`, in queue
/// order (offered first, then by tier and time of joining) unless `wanted` sorts by joined_at,
/// priority_tier, site_id, status or id. Problems: invalid "status", "sort", "page" or "page_size".
outcome<list_page<waitlist_entry>> list_waitlist(db::connection& db, const waitlist_filter& filter,
                                                 const page_request& wanted, unix_seconds now);

/// How many people still waiting at `site_id` rank ahead of `staff_id`: ahead of their own waiting
/// entry there if they have one, otherwise everyone else waiting with tier `tier` or better.
int waiting_ahead_of(db::connection& db, std::int64_t site_id, std::int64_t staff_id, int tier);

}  // namespace pedalpower::domain
