#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pedalpower/core/outcome.hpp"

namespace pedalpower::domain {

/// Where a caller may act: a kiosk only at the bike store it stands beside, on the bikes kept
/// there; a person in the admin at any site.
struct site_scope {
  std::optional<std::int64_t> kiosk_site;  ///< the kiosk's own site; none for anyone else
};

/// The site an action takes place at: a kiosk's own, which `named` may repeat but not contradict
/// (forbidden, other_site: `refusal`), else `named`, which is then required (field site_id).
outcome<std::int64_t> acting_site(const site_scope& scope, std::optional<std::int64_t> named, std::string refusal);

/// The refusal (forbidden, other_site, `refusal` on `field`) of a kiosk acting on something kept at
/// another site than its own, or none.
std::optional<problem> other_site_refusal(const site_scope& scope, std::int64_t kept_at, std::string refusal,
                                          std::string field);

}  // namespace pedalpower::domain
