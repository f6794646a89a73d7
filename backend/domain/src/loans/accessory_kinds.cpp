#include "accessory_kinds.hpp"

#include <algorithm>

#include "pedalpower/domain/loans.hpp"

namespace pedalpower::domain {

namespace {

bool is_accessory_kind(const std::string& code)
{
  return std::any_of(accessory_kinds.begin(), accessory_kinds.end(),
                     [&code](const accessory_kind& kind) { return kind.code == code; });
}

std::string kind_codes()
{
  std::string codes;
  for (const auto& kind : accessory_kinds) {
    if (!codes.empty()) codes += ", ";
    codes += kind.code;
  }
  return codes;
}

}  // namespace

std::optional<problem> check_accessory_kinds(const std::vector<std::string>& kinds, const std::string& field)
{
  for (auto kind = kinds.begin(); kind != kinds.end(); ++kind) {
    if (!is_accessory_kind(*kind)) {
      return invalid(field, "Accessories are " + kind_codes() + "; '" + *kind + "' is not one of them.");
    }
    if (std::find(kinds.begin(), kind, *kind) != kind) return invalid(field, "'" + *kind + "' is listed twice.");
  }
  return std::nullopt;
}

}  // namespace pedalpower::domain
