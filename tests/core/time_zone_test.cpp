#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <unistd.h>

#include "pedalpower/core/time_zone.hpp"

namespace {

namespace fs = std::filesystem;

/// A zone database of two zones, Europe/Paris and Etc/GMT+5, and a machine zone file linking to Paris.
struct zone_folder {
  fs::path root = fs::temp_directory_path() / ("zones-" + std::to_string(getpid()));
  fs::path zones = root / "zoneinfo";
  fs::path machine_zone = root / "localtime";

  zone_folder()
  {
    fs::create_directories(zones / "Europe");
    std::ofstream(zones / "Europe" / "Paris") << "TZif";
    fs::create_directories(zones / "Etc");
    std::ofstream(zones / "Etc" / "GMT+5") << "TZif";
    fs::create_symlink(zones / "Europe" / "Paris", machine_zone);
  }
  ~zone_folder() { fs::remove_all(root); }
  zone_folder(const zone_folder&) = delete;
  zone_folder& operator=(const zone_folder&) = delete;

  pedalpower::environment_lookup with(std::map<std::string, std::string, std::less<>> names) const
  {
    names.emplace("TZDIR", zones.string());
    return [names](std::string_view name) -> std::optional<std::string> {
      const auto found = names.find(name);
      if (found == names.end()) return std::nullopt;
      return found->second;
    };
  }
};

}  // namespace

TEST_CASE("a TZ naming a zone the machine has no file for is a fault that names it, and a rule or UTC is none")
{
  const zone_folder machine;
  CHECK_FALSE(pedalpower::time_zone_fault(machine.with({})));
  for (const char* fine : {"Europe/Paris", ":Europe/Paris", "UTC", "GMT", "", "GMT0BST,M3.5.0/1,M10.5.0"}) {
    CHECK_FALSE(pedalpower::time_zone_fault(machine.with({{"TZ", fine}})));
  }
  const auto misspelt = pedalpower::time_zone_fault(machine.with({{"TZ", "Europe/Pariss"}}));
  REQUIRE(misspelt);
  CHECK_THAT(*misspelt, Catch::StartsWith("TZ=Europe/Pariss names no time zone in " + machine.zones.string()));
  CHECK(pedalpower::time_zone_fault(machine.with({{"TZ", "Europe"}})));  // a folder is no zone
}

TEST_CASE("the zone's name is TZ's, or without TZ the one the machine's zone file links to")
{
  const zone_folder machine;
  const auto name = [&](std::map<std::string, std::string, std::less<>> names) {
    return pedalpower::time_zone_name(machine.with(std::move(names)), machine.machine_zone);
  };
  CHECK(name({{"TZ", "Europe/London"}}) == "Europe/London");
  CHECK(name({{"TZ", ":Europe/London"}}) == "Europe/London");
  CHECK(name({{"TZ", ""}}) == "UTC");
  CHECK(name({}) == "Europe/Paris");
  // A rule names no zone of the database; nor does a zone file that is no link.
  CHECK_FALSE(name({{"TZ", "GMT0BST,M3.5.0/1,M10.5.0"}}));
  CHECK(name({{"TZ", "Etc/GMT+5"}}) == "Etc/GMT+5");  // digits, but a zone of the database
  // A zone given by its file's path is named by the zone, never by the path.
  CHECK(name({{"TZ", ":" + machine.machine_zone.string()}}) == "Europe/Paris");
  CHECK(name({{"TZ", (machine.zones / "Europe" / "Paris").string()}}) == "Europe/Paris");
  CHECK_FALSE(name({{"TZ", (machine.root / "no-such-file").string()}}));
  CHECK_FALSE(pedalpower::time_zone_name(machine.with({}), machine.root / "no-such-file"));
}
