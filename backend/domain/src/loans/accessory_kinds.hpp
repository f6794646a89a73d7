#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pedalpower/core/outcome.hpp"

namespace pedalpower::domain {

/// The problem with a list of accessory kinds (one not in accessory_kinds, or one named twice), naming `field`.
std::optional<problem> check_accessory_kinds(const std::vector<std::string>& kinds, const std::string& field);

}  // namespace pedalpower::domain
