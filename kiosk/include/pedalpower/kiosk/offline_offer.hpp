#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pedalpower/core/outcome.hpp"
#include "pedalpower/kiosk/journal.hpp"
#include "pedalpower/kiosk/staff_cache.hpp"

namespace pedalpower::kiosk {

/// The checkout screen's offer for a person identified offline, in the backend's shape, from what
/// the kiosk cached: their allowance as last seen online, the site's free bikes as last seen, less
/// what this kiosk has lent since without the backend. Bikes keep the charge the backend gave them;
/// those it marked charging are shown, not lent. Due dates count whole loan days from `now`.
nlohmann::json offline_offer(const cached_staff& person, const nlohmann::json& site_bikes,
                             const std::vector<journal_entry>& pending_checkouts, unix_seconds now);

/// Why `bike_id` may not be lent offline under `offer` with terms `terms_version` accepted, if not.
std::optional<pedalpower::problem> offline_checkout_refusal(const nlohmann::json& offer, std::int64_t bike_id,
                                                        const std::string& terms_version);

}  // namespace pedalpower::kiosk
