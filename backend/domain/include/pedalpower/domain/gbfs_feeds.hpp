#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

// GBFS v3.0 feeds of the scheme's availability: each site with a location is a station, each bike
// in its store (free, held for someone or in the workshop) a vehicle there. Bikes on loan are not
// listed, and nothing carries a person or a position of a bike: a bike is placed by its station.

/// What the feeds say about the scheme itself.
struct feed_settings {
  std::string system_id = "pedalpower";
  std::string name = "Pedal Power";
  std::string language = "en";  ///< of every text in the feeds
  std::string timezone = "Europe/London";
  std::string contact_email = "pedalpower@localhost";
  std::string opening_hours = "24/7";  ///< OpenStreetMap opening_hours syntax
  /// The range of a full battery, a default we chose: about 500 Wh at the 10 Wh/km the emission
  /// estimates take for an e-bike.
  double max_range_m = 50'000.0;
  int status_ttl_s = 60;         ///< station and vehicle status
  int information_ttl_s = 3600;  ///< the rest, which change when a coordinator changes them
};

/// gbfs.json: the feeds published, at `base_url` + "<name>.json".
nlohmann::json gbfs_discovery(const feed_settings& settings, unix_seconds now, std::string_view base_url);
nlohmann::json gbfs_system_information(const feed_settings& settings, unix_seconds now);
/// One e-bike type per make and model in the fleet. Throws db::error.
nlohmann::json gbfs_vehicle_types(db::connection& db, const feed_settings& settings, unix_seconds now);
/// Every site with a location. Throws db::error.
nlohmann::json gbfs_station_information(db::connection& db, const feed_settings& settings, unix_seconds now);
/// Bikes free to borrow and in the workshop at each of those sites. Throws db::error.
nlohmann::json gbfs_station_status(db::connection& db, const feed_settings& settings, unix_seconds now);
/// Each bike at a station, with its battery from its last report when it sent one. Its id is drawn
/// from `id_key` and changes with each loan, as GBFS asks, so nobody can follow one bike from rider
/// to rider. Throws db::error.
nlohmann::json gbfs_vehicle_status(db::connection& db, const feed_settings& settings, unix_seconds now,
                                   std::string_view id_key);

}  // namespace pedalpower::domain
