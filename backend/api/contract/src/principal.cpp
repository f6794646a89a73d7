#include "pedalpower/api/principal.hpp"

#include <array>

namespace pedalpower::api {
namespace {

constexpr std::array<std::pair<role, std::string_view>, 5> role_names{{
    {role::coordinator, "coordinator"},
    {role::technician, "technician"},
    {role::reporter, "reporter"},
    {role::kiosk, "kiosk"},
    {role::telematics, "telematics"},
}};

}  // namespace

std::string_view to_string(role r)
{
  for (const auto& [value, name] : role_names) {
    if (value == r) return name;
  }
  return "unknown";
}

std::optional<role> role_from_string(std::string_view text)
{
  for (const auto& [value, name] : role_names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::string principal::audit_label() const
{
  const bool device = kind == role::kiosk || kind == role::telematics;
  return std::string(device ? "device:" : "user:") + std::to_string(id) + ":" + name;
}

}  // namespace pedalpower::api
