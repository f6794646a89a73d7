#include "pedalpower/core/environment.hpp"

#include <cstdlib>

namespace pedalpower {

std::optional<std::string> process_environment(std::string_view name)
{
  const char* value = std::getenv(std::string(name).c_str());
  if (!value) return std::nullopt;
  return std::string(value);
}

}  // namespace pedalpower
