#include "accessory_kinds.hpp"

#include <algorithm>

#include "pedalpower/domain/loans.hpp"

namespace pedalpower::domain {

std::optional<problem> check_accessory_kinds(const std::vector<std::string>& kinds, const std::string& field)
{
  for (auto kind = kinds.begin(); kind != kinds.end(); ++kind) {
    if (std::find(accessory_kinds.begin(), accessory_kinds.end(), *kind) == accessory_kinds.end()) {
      return invalid(field, "Accessories are helmet, lock, charger and lights; '" + *kind + "' is not one of them.");
    }
    if (std::find(kinds.begin(), kind, *kind) != kind) return invalid(field, "'" + *kind + "' is listed twice.");
  }
  return std::nullopt;
}

}  // namespace pedalpower::domain
