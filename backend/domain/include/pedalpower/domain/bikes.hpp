#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/domain/bike_status.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/listing.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// What a coordinator edits about a bike. Status is not among them: it moves only through
/// change_bike_status, along bike_status_transitions.
struct bike_details {
  std::string asset_tag;  ///< e.g. "EB-0042": 2-5 capital letters, a hyphen, 3-6 digits
  std::string frame_number;
  std::string make;
  std::string model;
  std::optional<std::string> battery_serial;
  std::int64_t site_id = 0;
  std::int64_t odometer_m = 0;  ///< never decreases
};

struct bike : bike_details {
  std::int64_t id = 0;
  bike_status status = bike_status::available;
  std::string status_note;
  unix_seconds updated_at = 0;
};

void to_json(nlohmann::json& out, const bike& value);

struct bike_filter {
  std::optional<std::int64_t> site_id;
  std::optional<bike_status> status;
  std::optional<std::string> make;    ///< exactly, any case
  std::optional<std::string> search;  ///< part of the asset tag, frame number or battery serial, any case

  bool operator==(const bike_filter&) const = default;
};

/// Adds a bike, `available`. Problems: invalid fields (422; an unknown site is invalid "unknown_site"
/// on site_id), a tag or frame number already in use (conflict "asset_tag_taken", "frame_number_taken").
outcome<bike> create_bike(db::connection& db, const actor& who, unix_seconds now, bike_details details);

/// Replaces a bike's details. Problems as for create_bike, plus not_found "bike_not_found", conflict
/// "odometer_would_decrease", and conflict "bike_in_use" when moving a reserved or loaned bike to another site.
outcome<bike> update_bike(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                          bike_details details);

/// The bike with this id, or not_found "bike_not_found".
outcome<bike> find_bike(db::connection& db, std::int64_t id);
/// The bike with this asset tag (any case), or not_found "bike_not_found".
outcome<bike> find_bike_by_tag(db::connection& db, const std::string& asset_tag);
/// Every bike matching every given filter, by asset tag.
std::vector<bike> list_bikes(db::connection& db, const bike_filter& filter);
/// One page of the bikes matching `filter`, by asset tag unless `wanted` sorts by asset_tag,
/// frame_number, make, model, status, site_id, odometer_m, updated_at or id. Problems: invalid
/// "sort", "page" or "page_size".
outcome<list_page<bike>> list_bikes(db::connection& db, const bike_filter& filter, const page_request& wanted);

/// Moves a bike to `new_status` if bike_status_transitions allows it, keeping `note` as the reason,
/// and audits the change. For the loan, reservation and maintenance processes, which keep their own
/// rows in step. Problems: not_found "bike_not_found", conflict "status_transition_not_allowed".
outcome<done> change_bike_status(db::connection& db, const actor& who, unix_seconds now, std::int64_t bike_id,
                                 bike_status new_status, const std::string& note);

/// A coordinator's or technician's change of status: as change_bike_status, but refused (conflict
/// "status_managed_by_loans") when it would set or clear a loan-managed status, and (conflict
/// "bike_awaiting_safety_check") when it would make a bike with open safety work available.
outcome<done> change_bike_status_by_hand(db::connection& db, const actor& who, unix_seconds now,
                                         std::int64_t bike_id, bike_status new_status, const std::string& note);

/// Records a new odometer reading (metres), e.g. at the end of a loan. Problems: not_found
/// "bike_not_found", invalid on odometer_m if negative, conflict "odometer_would_decrease".
/// A reading equal to the current one changes nothing.
outcome<done> record_bike_odometer(db::connection& db, const actor& who, unix_seconds now, std::int64_t bike_id,
                                   std::int64_t odometer_m);

}  // namespace pedalpower::domain
