#include "pedalpower/domain/commute_mode.hpp"

#include <algorithm>

namespace pedalpower::domain {

bool is_commute_mode(std::string_view text)
{
  return std::any_of(commute_modes.begin(), commute_modes.end(),
                     [text](const auto& mode) { return mode.code == text; });
}

std::string_view commute_mode_label(std::string_view code)
{
  const auto found =
      std::find_if(commute_modes.begin(), commute_modes.end(), [code](const auto& mode) { return mode.code == code; });
  return found == commute_modes.end() ? code : found->label;
}

}  // namespace pedalpower::domain
