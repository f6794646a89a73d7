#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/domain/workshop_reservations.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// The fault categories, then `service` (servicing done as a job) and `inspection` (a campaign's check).
inline constexpr std::array<std::string_view, 9> work_order_categories{
    "brakes", "battery", "tyre", "lights", "frame", "gears", "other", "service", "inspection"};

/// open -> in_progress <-> awaiting_parts -> ready_for_check -> closed (fixed); written_off from any open state.
inline constexpr std::array<std::string_view, 6> work_order_statuses{"open",           "in_progress",
                                                                    "awaiting_parts", "ready_for_check",
                                                                    "closed",         "written_off"};

/// True for the statuses a work order may still leave: every one but closed and written_off.
bool is_open_work(std::string_view status);

/// True if a technician may move a work order from `from` to `to` by a status change. Closing a safety
/// work order goes through sign_off_safety_check, writing one off through write_off_work_order.
bool is_allowed_work_order_transition(std::string_view from, std::string_view to);

struct work_order_event {
  std::optional<std::string> from_status;
  std::string to_status;
  std::string note;
  std::string actor;
  unix_seconds at = 0;
};

struct labour_entry {
  std::int64_t id = 0;
  std::int64_t work_order_id = 0;
  std::string technician;
  std::int64_t minutes = 0;
  std::string note;
  std::string recorded_by;
  unix_seconds recorded_at = 0;
};

struct part_used {
  std::int64_t id = 0;
  std::int64_t work_order_id = 0;
  std::string name;
  std::string part_number;
  std::int64_t quantity = 1;
  std::int64_t unit_cost_pence = 0;
  std::string recorded_by;
  unix_seconds recorded_at = 0;
};

struct work_order {
  std::int64_t id = 0;
  std::int64_t bike_id = 0;
  std::string bike_tag;      ///< the bike's asset tag
  std::int64_t site_id = 0;  ///< the bike's site
  std::string bike_model;
  std::optional<std::int64_t> fault_report_id;
  std::optional<std::int64_t> campaign_id;
  std::string category;
  bool safety = false;
  std::string description;
  std::string reported_by;
  unix_seconds reported_at = 0;
  std::string status = "open";
  std::string supplier;  ///< empty: done in-house
  std::int64_t supplier_cost_pence = 0;
  bool warranty_claim = false;
  std::string notes;
  std::optional<std::string> signed_off_by;
  std::optional<unix_seconds> signed_off_at;
  std::optional<unix_seconds> closed_at;
  unix_seconds updated_at = 0;
  std::int64_t labour_minutes = 0;
  std::int64_t parts_cost_pence = 0;
  // The detail, filled by find_work_order only.
  bool detailed = false;
  std::vector<work_order_event> history;
  std::vector<labour_entry> labour;
  std::vector<part_used> parts;
  std::vector<reservation_outcome> reservations;

  std::int64_t cost_pence() const { return parts_cost_pence + supplier_cost_pence; }
};

void to_json(nlohmann::json& out, const work_order& order);
void to_json(nlohmann::json& out, const labour_entry& entry);
void to_json(nlohmann::json& out, const part_used& part);

/// A work order opened by hand, from a fault, or by a campaign.
struct work_order_input {
  std::int64_t bike_id = 0;
  std::string category;  ///< one of work_order_categories
  std::optional<bool> safety;  ///< absent: the category decides (is_safety_critical)
  std::string description;
  std::optional<std::int64_t> fault_report_id;
  std::optional<std::int64_t> campaign_id;
};

/// The fields a PATCH may change; absent ones stay.
struct work_order_changes {
  std::optional<std::string> description;
  std::optional<std::string> supplier;
  std::optional<std::int64_t> supplier_cost_pence;
  std::optional<bool> warranty_claim;
  std::optional<std::string> notes;
};

struct work_order_filter {
  std::optional<std::int64_t> bike_id;
  std::optional<std::int64_t> site_id;
  std::optional<std::int64_t> campaign_id;
  std::optional<std::string> status;  ///< a status, or "active" for every open one
  std::optional<bool> safety;
};

/// Opens a work order. A safety one takes an available or reserved bike into the workshop at once
/// (a reservation on it is moved to another free bike or its holder keeps the head of the queue);
/// a bike on loan goes to the workshop at its return. Problems: invalid fields, bike_not_found (404),
/// conflict "bike_retired" for a bike that has left the fleet. Audited.
outcome<work_order> open_work_order(db::connection& db, const actor& who, unix_seconds now,
                                    const work_order_input& input);

outcome<work_order> find_work_order(db::connection& db, std::int64_t id);
/// Work orders matching every filter, newest first, without their detail.
std::vector<work_order> list_work_orders(db::connection& db, const work_order_filter& filter);

outcome<work_order> update_work_order(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                      const work_order_changes& changes);

/// A technician's status change along is_allowed_work_order_transition. Starting work takes the bike
/// into the workshop; closing the last job that held it releases it (unless a safety job is still open).
/// Problems: invalid status, not_found, conflict "work_order_transition_not_allowed",
/// refused "safety_sign_off_required" for closing a safety job, "use_write_off" for written_off,
/// 422 "required" on "note" for closing a job with neither a note nor a diagnosis (notes).
outcome<work_order> change_work_order_status(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                             const std::string& status, const std::string& note);

/// A technician signs off the safety check of a safety work order that is ready for check: the job
/// closes, a safety check is recorded (restarting its schedule) and the bike is lendable again once no
/// other job holds it. Refused "not_ready_for_check" in any other state, "not_a_safety_job" otherwise.
outcome<work_order> sign_off_safety_check(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                          const std::string& note);

/// Writes off the bike of a work order: the job and every other open job on the bike end written_off
/// and the bike is retired. Refused "bike_on_loan" while the bike is lent.
outcome<work_order> write_off_work_order(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                         const std::string& note);

/// Labour and parts: only on an open job (conflict "work_order_finished" otherwise).
outcome<labour_entry> add_labour(db::connection& db, const actor& who, unix_seconds now, std::int64_t work_order_id,
                                 labour_entry entry);
outcome<part_used> add_part(db::connection& db, const actor& who, unix_seconds now, std::int64_t work_order_id,
                            part_used part);
outcome<done> remove_labour(db::connection& db, const actor& who, unix_seconds now, std::int64_t work_order_id,
                            std::int64_t entry_id);
outcome<done> remove_part(db::connection& db, const actor& who, unix_seconds now, std::int64_t work_order_id,
                          std::int64_t part_id);

/// True while the bike has a safety work order that is not closed or written off.
bool has_open_safety_work(db::connection& db, std::int64_t bike_id);

}  // namespace pedalpower::domain
