#include "pedalpower/kiosk/choice_lists.hpp"

namespace pedalpower::kiosk {

void choice_lists::save(const nlohmann::json& lists, pedalpower::unix_seconds now) { saved_.save(lists, now); }

std::optional<nlohmann::json> choice_lists::last_seen() { return saved_.last_saved(); }

}  // namespace pedalpower::kiosk
