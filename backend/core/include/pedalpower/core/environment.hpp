#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace pedalpower {

/// Looks up an environment variable; nullopt when unset. Programs read settings through one, so
/// tests can hand them an environment of their own.
using environment_lookup = std::function<std::optional<std::string>(std::string_view name)>;

/// The real process environment.
std::optional<std::string> process_environment(std::string_view name);

}  // namespace pedalpower
