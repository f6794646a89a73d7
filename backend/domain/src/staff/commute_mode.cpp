#include "pedalpower/domain/commute_mode.hpp"

#include <algorithm>

namespace pedalpower::domain {

bool is_commute_mode(std::string_view text)
{
  return std::any_of(commute_modes.begin(), commute_modes.end(),
                     [text](const auto& mode) { return mode.code == text; });
}

}  // namespace pedalpower::domain
