#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/kiosk/saved_document.hpp"

namespace pedalpower::kiosk {

/// The lists the screen chooses from (fault categories, accessory kinds) as the backend last gave
/// them, so that a kiosk that has been online once offers the same choices offline.
class choice_lists {
public:
  explicit choice_lists(db::connection& database) : saved_(database, "choices", "lists") {}

  void save(const nlohmann::json& lists, pedalpower::unix_seconds now);
  /// The lists last saved, if any.
  std::optional<nlohmann::json> last_seen();

private:
  saved_document saved_;
};

}  // namespace pedalpower::kiosk
