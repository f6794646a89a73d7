#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// The loan agreement a borrower accepts at checkout.
struct terms_version {
  std::string version;
  std::string body;
  unix_seconds published_at = 0;
};

void to_json(nlohmann::json& out, const terms_version& terms);

/// The terms in force at `now`: the latest published at or before it; nullopt when none are published.
std::optional<terms_version> current_terms(db::connection& db, unix_seconds now);

}  // namespace pedalpower::domain
