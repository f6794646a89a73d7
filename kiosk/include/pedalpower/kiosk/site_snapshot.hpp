#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "pedalpower/core/clock.hpp"

namespace pedalpower::db {
class connection;
}

namespace pedalpower::kiosk {

/// The free bikes at the kiosk's site as the backend last listed them, for lending offline.
class site_snapshot {
public:
  explicit site_snapshot(db::connection& database) : db_(database) {}

  void save(const nlohmann::json& bikes, pedalpower::unix_seconds now);
  /// The bikes last saved, or an empty array.
  nlohmann::json bikes();
  /// Takes a bike out: it was lent, or reported unsafe.
  void remove_bike(std::int64_t bike_id);

private:
  db::connection& db_;
};

}  // namespace pedalpower::kiosk
