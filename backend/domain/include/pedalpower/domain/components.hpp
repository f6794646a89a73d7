#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

struct component_fitting {
  std::int64_t bike_id = 0;
  unix_seconds fitted_at = 0;
  std::string fitted_by;
  std::optional<unix_seconds> removed_at;
};

/// A battery or charger with its own serial; it moves between bikes and keeps its history.
struct component {
  std::int64_t id = 0;
  std::string kind;  ///< battery or charger
  std::string serial;
  std::string model;
  std::optional<std::int64_t> cycle_count;  ///< where known
  std::optional<std::int64_t> health_pct;   ///< where known
  unix_seconds in_service_at = 0;
  std::optional<std::int64_t> bike_id;  ///< the bike it is fitted to now
  unix_seconds updated_at = 0;
  std::vector<component_fitting> fittings;  ///< oldest first; filled by find_component
  bool detailed = false;
};

void to_json(nlohmann::json& out, const component& item);

struct component_input {
  std::string kind;
  std::string serial;
  std::string model;
  std::optional<std::int64_t> cycle_count;
  std::optional<std::int64_t> health_pct;
  std::optional<std::int64_t> bike_id;  ///< fit it at once
};

struct component_changes {
  std::optional<std::string> model;
  std::optional<std::int64_t> cycle_count;
  std::optional<std::int64_t> health_pct;
};

struct component_filter {
  std::optional<std::string> kind;
  std::optional<std::int64_t> bike_id;
  std::optional<std::string> serial_contains;
};

/// Problems: invalid fields, conflict "serial_taken" for a second component of a kind with one serial.
outcome<component> create_component(db::connection& db, const actor& who, unix_seconds now, component_input input);
/// Cycle counts never go back (conflict "cycle_count_would_decrease").
outcome<component> update_component(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                     const component_changes& changes);
outcome<component> find_component(db::connection& db, std::int64_t id);
std::vector<component> list_components(db::connection& db, const component_filter& filter);

/// Fits the component to `bike_id`, taking it off the bike it was on and taking off the bike's
/// current component of the same kind. Problems: invalid "unknown_bike", conflict "bike_retired",
/// conflict "already_fitted" when it is on that bike already.
outcome<component> fit_component(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                 std::int64_t bike_id);
/// Takes the component off its bike; conflict "not_fitted" when it is on none.
outcome<component> remove_component(db::connection& db, const actor& who, unix_seconds now, std::int64_t id);

/// The component of `kind` fitted to the bike now, if any.
std::optional<component> fitted_component(db::connection& db, std::int64_t bike_id, const std::string& kind);

}  // namespace pedalpower::domain
