#include "pedalpower/core/time_zone.hpp"

#include <string_view>
#include <system_error>

namespace pedalpower {
namespace {

/// TZ as glibc reads it: a leading ':' only says "a file", and an empty TZ is UTC.
std::optional<std::string> given_zone(const environment_lookup& env)
{
  auto given = env("TZ");
  if (!given) return std::nullopt;
  if (given->starts_with(':')) given->erase(0, 1);
  return given;
}

/// Digits make a POSIX rule ("GMT0BST,M3.5.0/1,M10.5.0"), which glibc reads from its text.
bool looks_like_rule(std::string_view zone) { return zone.find_first_of("0123456789") != std::string_view::npos; }

bool needs_no_file(std::string_view zone)
{
  return zone.empty() || zone == "UTC" || zone == "GMT" || looks_like_rule(zone);
}

std::filesystem::path zone_folder(const environment_lookup& env)
{
  const auto folder = env("TZDIR");
  return folder && !folder->empty() ? std::filesystem::path(*folder) : std::filesystem::path("/usr/share/zoneinfo");
}

bool in_zone_folder(const environment_lookup& env, const std::string& zone)
{
  std::error_code ignored;
  return std::filesystem::is_regular_file(zone_folder(env) / zone, ignored);
}

/// "Europe/London" from a link to ".../zoneinfo/Europe/London".
std::optional<std::string> name_in_zoneinfo(const std::filesystem::path& target)
{
  const auto text = target.generic_string();
  constexpr std::string_view folder = "zoneinfo/";
  const auto at = text.rfind(folder);
  if (at == std::string::npos || at + folder.size() == text.size()) return std::nullopt;
  return text.substr(at + folder.size());
}

}  // namespace

std::optional<std::string> time_zone_fault(const environment_lookup& env)
{
  const auto zone = given_zone(env);
  if (!zone || needs_no_file(*zone)) return std::nullopt;
  if (in_zone_folder(env, *zone)) return std::nullopt;
  return "TZ=" + *env("TZ") + " names no time zone in " + zone_folder(env).string() +
         ": correct TZ (in /etc/pedalpower/server.conf for the service) or install tzdata";
}

std::optional<std::string> time_zone_name(const environment_lookup& env, const std::filesystem::path& machine_zone)
{
  if (const auto zone = given_zone(env)) {
    if (zone->empty()) return "UTC";
    // A file named by its path (":/etc/localtime") is named as the machine's zone file is.
    if (zone->starts_with('/')) return time_zone_name([](std::string_view) { return std::nullopt; }, *zone);
    // A name with digits is a rule, unless the database has a zone of that name ("Etc/GMT+5").
    if (looks_like_rule(*zone) && !in_zone_folder(env, *zone)) return std::nullopt;
    return zone;
  }
  std::error_code unreadable;
  const auto target = std::filesystem::read_symlink(machine_zone, unreadable);
  return name_in_zoneinfo(unreadable ? machine_zone : target);
}

}  // namespace pedalpower
