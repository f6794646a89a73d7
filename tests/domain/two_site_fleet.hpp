#pragma once

#include <cstdint>

#include "migrated_database.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/actor.hpp"
#include "pedalpower/domain/sites.hpp"

// When and as whom the fleet, staff and policy tests act, and their database.

inline constexpr pedalpower::unix_seconds now = 1'748'865'600;  // 2025-06-02T12:00:00Z
inline const pedalpower::domain::actor coordinator{"user:1:coordinator"};

/// A migrated database with the Basildon and Southend hospital sites, created by the coordinator.
struct database_with_two_sites : migrated_database {
  std::int64_t basildon =
      pedalpower::domain::create_site(db, coordinator, now, {"BAS", "Basildon University Hospital", ""})->id;
  std::int64_t southend =
      pedalpower::domain::create_site(db, coordinator, now, {"SOU", "Southend University Hospital", ""})->id;
};
