#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "pedalpower/core/environment.hpp"

namespace pedalpower {

/// What is wrong with the TZ in `env`, if anything. A zone name the machine has no file for (in
/// TZDIR, else /usr/share/zoneinfo) would silently read as UTC under a made-up name ("10:05 Europe")
/// in every email. UTC, GMT and a POSIX rule ("GMT0BST,M3.5.0/1,M10.5.0", with digits) need no file.
std::optional<std::string> time_zone_fault(const environment_lookup& env);

/// The name in the time zone database ("Europe/London") of the zone local times are in: TZ when it
/// names one (by name, or by the path of its file), else the zone `machine_zone` links to when TZ is
/// unset. Nullopt for a POSIX rule, or a zone file that is neither in nor linked into a zoneinfo folder.
std::optional<std::string> time_zone_name(const environment_lookup& env,
                                          const std::filesystem::path& machine_zone = "/etc/localtime");

}  // namespace pedalpower
