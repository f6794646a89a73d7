#pragma once

#include <cstdint>
#include <optional>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// A circle around a rider's home: tracks shown or exported start and end outside it, while the
/// distance counted stays whole.
struct privacy_zone_setting {
  double lat = 0.0;
  double lon = 0.0;
  std::int64_t radius_m = 800;
};

/// Smaller circles are easy to see through; larger ones hide most of a short commute (the range
/// Strava offers for the same purpose).
inline constexpr std::int64_t min_privacy_radius_m = 400;
inline constexpr std::int64_t max_privacy_radius_m = 1600;

void to_json(nlohmann::json& out, const privacy_zone_setting& value);

/// Sets or moves staff member `staff_id`'s zone. Problems: not_found "staff_not_found"; invalid
/// "lat", "lon" (out of range, or the 0,0 a GPS reports without a fix) or "radius_m" (outside
/// min_privacy_radius_m..max_privacy_radius_m). Audited without the centre, which is as personal
/// as an address and would outlive the zone in the audit log.
outcome<privacy_zone_setting> set_privacy_zone(db::connection& db, const actor& who, unix_seconds now,
                                               std::int64_t staff_id, const privacy_zone_setting& zone);

/// Removes the zone; removing none changes nothing. Problems: not_found "staff_not_found". Audited.
outcome<done> clear_privacy_zone(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id);

/// The staff member's zone, if any. Problems: not_found "staff_not_found".
outcome<std::optional<privacy_zone_setting>> find_privacy_zone(db::connection& db, std::int64_t staff_id);

}  // namespace pedalpower::domain
