#include "pedalpower/domain/commute_mode.hpp"

#include <algorithm>

namespace pedalpower::domain {

bool is_commute_mode(std::string_view text)
{
  return std::find(commute_modes.begin(), commute_modes.end(), text) != commute_modes.end();
}

}  // namespace pedalpower::domain
