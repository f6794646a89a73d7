#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/kiosk/saved_document.hpp"

namespace pedalpower::kiosk {

/// The free bikes at the kiosk's site as the backend last listed them, for lending offline.
class site_snapshot {
public:
  explicit site_snapshot(db::connection& database) : saved_(database, "site_snapshot", "snapshot") {}

  void save(const nlohmann::json& bikes, pedalpower::unix_seconds now);
  /// The bikes last saved, or an empty array.
  nlohmann::json bikes();
  /// Takes a bike out: it was lent, or reported unsafe.
  void remove_bike(std::int64_t bike_id);

private:
  saved_document saved_;
};

}  // namespace pedalpower::kiosk
