#include "pedalpower/domain/commute_mode.hpp"

#include <algorithm>

#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::domain {
namespace {

const commute_mode* find_mode(std::string_view code)
{
  const auto found =
      std::find_if(commute_modes.begin(), commute_modes.end(), [code](const auto& mode) { return mode.code == code; });
  return found == commute_modes.end() ? nullptr : &*found;
}

}  // namespace

bool is_commute_mode(std::string_view text) { return find_mode(text) != nullptr; }

std::string_view commute_mode_label(std::string_view code)
{
  const auto* mode = find_mode(code);
  return mode ? mode->label : code;
}

std::string commute_mode_named(std::string_view text)
{
  const auto wanted = lower_case(trimmed(text));
  for (const auto& mode : commute_modes) {
    if (lower_case(mode.label) == wanted) return std::string(mode.code);
  }
  auto key = wanted;
  for (auto& c : key) {
    if (c == ' ' || c == '-') c = '_';
  }
  return key;
}

}  // namespace pedalpower::domain
