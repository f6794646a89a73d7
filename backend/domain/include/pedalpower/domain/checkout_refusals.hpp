#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// A checkout the scheme refused when it was asked for online (at a kiosk or in the admin).
struct checkout_refusal {
  std::int64_t staff_id = 0;
  std::optional<std::int64_t> bike_id;
  std::optional<std::int64_t> device_id;  ///< the kiosk that asked; none from the admin
  std::optional<std::string> idempotency_key;
  std::string reason;  ///< the refusal's code, e.g. "not_eligible"
};

/// Records `refusal` at `now` under the bike's site (else the kiosk's), for the equity report's
/// refusals by reason and band. Called after the refused request's changes are undone, so the
/// record is all it leaves. Throws db::error.
void record_checkout_refusal(db::connection& db, unix_seconds now, const checkout_refusal& refusal);

}  // namespace pedalpower::domain
