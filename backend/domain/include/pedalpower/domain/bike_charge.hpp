#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// A reading older than this says nothing about the battery now: a parked bike may have been
/// charged since without its tracker reporting.
inline constexpr unix_seconds charge_reading_kept_for = 24 * 3600;

/// How charged a bike is, from its tracker's last battery report.
struct bike_charge {
  std::optional<int> percent;               ///< none without a report in the last day
  std::optional<unix_seconds> reported_at;
  std::optional<double> range_km;           ///< where the fitted battery's capacity is known
};

/// {"charge_pct", "charge_reported_at", "range_km"}, each null when unknown.
void to_json(nlohmann::json& out, const bike_charge& value);

/// The bike's charge as of `now`: the newest position with a battery percent, reported within
/// charge_reading_kept_for. The range counts the fitted battery's capacity (named in its model, as
/// "36V 418Wh"), its health where recorded, and the e-bike energy per km the emissions use, which
/// includes charging losses, so it errs short.
bike_charge last_charge(db::connection& db, std::int64_t bike_id, unix_seconds now);

/// The watt-hours a battery model names ("36V 418Wh" -> 418), if it names them.
std::optional<int> battery_capacity_wh(std::string_view model);

/// Whether a bike is too low to lend under a threshold of `min_charge_pct`: only a known charge is.
bool needs_charging(const bike_charge& charge, int min_charge_pct);

}  // namespace pedalpower::domain
