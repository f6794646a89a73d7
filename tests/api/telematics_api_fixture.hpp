#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <future>
#include <optional>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "answer_body.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/request.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/devices.hpp"
#include "pedalpower/domain/loans.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/domain/trackers.hpp"
#include "pedalpower/domain/users.hpp"
#include "pedalpower/telematics/geo.hpp"
#include "pedalpower/telematics/timestamp.hpp"
#include "app_calls.hpp"
#include "cheap_scrypt.hpp"
#include "east_of.hpp"
#include "temp_database.hpp"

// The whole API app on a temp database as the telematics side meets it: trackers send positions
// with no credentials but their id, a gateway posts batches with its device token, and a signed-in
// coordinator registers trackers and reads trips. Loans and tracker fittings that must lie in the
// past (so rides can have happened on them) are made through the domain on the app's writer.
namespace telematics_api {

using namespace pedalpower;
using json = nlohmann::json;
using pedalpower::unix_seconds;

inline constexpr std::int64_t hour = 3600;
inline constexpr std::int64_t day = 86400;
inline constexpr double grid_kg_per_kwh = 0.17700 + 0.01853;  // 2025: generation + transmission and distribution

/// One fix of a test ride, in the units a device sends.
struct ride_fix {
  std::int64_t time_ms = 0;
  double lat = 0.0;
  double lon = 0.0;
};

/// A ride due east from Basildon at 5 m/s for `seconds`, one fix a second, followed by a stop long
/// enough to end the trip: 5 × `seconds` metres of cycling.
inline std::vector<ride_fix> ride(unix_seconds start, int seconds)
{
  constexpr telematics::geo_point basildon{51.5760, 0.4880};
  constexpr double speed_mps = 5.0;
  std::vector<ride_fix> fixes;
  for (int second = 0; second <= seconds + 400; ++second) {
    const double travelled_m = speed_mps * std::min(second, seconds);
    const auto point = east_of(basildon, travelled_m);
    fixes.push_back({(start + second) * 1000, point.lat, point.lon});
  }
  return fixes;
}

/// The body of POST /api/v1/telematics/positions carrying `fixes` from `device_id`.
inline std::string batch_of(const std::string& device_id, const std::vector<ride_fix>& fixes)
{
  auto positions = json::array();
  for (const auto& fix : fixes) {
    positions.push_back({{"time", fix.time_ms}, {"lat", fix.lat}, {"lon", fix.lon}, {"accuracy", 4.0}});
  }
  return json{{"device_id", device_id}, {"positions", std::move(positions)}}.dump();
}

/// `fixes` as a GPX 1.1 file, the way a phone app exports a ride.
inline std::string gpx_of(const std::vector<ride_fix>& fixes)
{
  std::ostringstream xml;
  xml.precision(10);
  xml << R"(<?xml version="1.0" encoding="UTF-8"?>)" << '\n'
      << R"(<gpx version="1.1" creator="ride recorder" xmlns="http://www.topografix.com/GPX/1/1">)" << '\n'
      << "<trk><name>Commute</name><trkseg>\n";
  for (const auto& fix : fixes) {
    xml << "<trkpt lat=\"" << fix.lat << "\" lon=\"" << fix.lon << "\"><ele>12.0</ele><time>"
        << telematics::format_timestamp(telematics::time_point(std::chrono::milliseconds(fix.time_ms)))
        << "</time></trkpt>\n";
  }
  xml << "</trkseg></trk>\n</gpx>\n";
  return xml.str();
}

/// A position row as the positions table holds it.
struct stored_position {
  std::int64_t time_ms = 0;
  std::int64_t lat_udeg = 0;
  std::int64_t lon_udeg = 0;
  std::optional<std::int64_t> accuracy_dm;
  std::optional<std::int64_t> odometer_m;
  std::optional<std::int64_t> battery_pct;
  bool valid = true;
  bool from_gpx = false;

  bool operator==(const stored_position&) const = default;
};

class tracked_app {
public:
  /// `adjust` changes the test configuration first (a tracker's rate, the scheme's radius).
  explicit tracked_app(const std::function<void(api::app_config&)>& adjust = {})
      : application_(configured(file_.path(), adjust))
  {
    sign_in_coordinator();
    site = add_site("BAS");
  }

  /// Sends a request as built, headers and all.
  api::response call(api::request req) const { return send(std::move(req)); }

  /// Sends a request as a device speaking a protocol without credentials would.
  api::response device(const std::string& method, const std::string& target, std::string body = {},
                       const std::string& content_type = {}) const
  {
    return send(app_calls::make_request(method, target, std::move(body), content_type));
  }

  /// Sends an OsmAnd request as the tracker it names does, configured as the README says: its
  /// server URL carries its secret (`secret=`), unless `target` gives one already. A device the test
  /// never registered sends none.
  api::response tracker(const std::string& method, std::string target, std::string body = {},
                        const std::string& content_type = {}) const
  {
    const auto found = secrets_.find(named_device(target, body));
    if (found != secrets_.end() && target.find("secret=") == std::string::npos) {
      target += (target.find('?') == std::string::npos ? "?" : "&") + std::string("secret=") + found->second;
    }
    return device(method, target, std::move(body), content_type);
  }

  /// Sends a request as the signed-in coordinator's browser.
  api::response coordinator(const std::string& method, const std::string& target, std::string body = {},
                            const std::string& content_type = "application/json") const
  {
    return as_coordinator(app_calls::make_request(method, target, std::move(body), content_type));
  }

  /// Sends `req`, with whatever headers it already has, from the signed-in coordinator's browser.
  api::response as_coordinator(api::request req) const
  {
    req.headers.emplace_back("cookie", "pp_session=" + session_cookie_);
    req.headers.emplace_back("x-csrf-token", csrf_token_);
    return send(std::move(req));
  }

  /// Posts a batch of positions as a telematics gateway with its device token.
  api::response gateway_batch(std::string body)
  {
    if (gateway_token_.empty()) {
      gateway_token_ = on_writer([](db::connection& db) {
        return domain::register_device(db, domain::actor{"test"}, 0, {"gateway", "telematics", std::nullopt}).value().token;
      });
    }
    auto req = app_calls::make_request("POST", "/api/v1/telematics/positions", std::move(body), "application/json");
    req.headers.emplace_back("authorization", "Bearer " + gateway_token_);
    return send(std::move(req));
  }

  std::int64_t add_site(const std::string& code) const
  {
    return created("/api/v1/sites", {{"code", code}, {"name", code + " hospital"}}).at("id").get<std::int64_t>();
  }

  std::int64_t add_bike(std::int64_t site_id)
  {
    const auto tag = "EB-" + std::to_string(1000 + ++bikes_);
    return created("/api/v1/bikes", {{"asset_tag", tag},
                                     {"frame_number", "FR" + tag},
                                     {"make", "Raleigh"},
                                     {"model", "Motus"},
                                     {"site_id", site_id}})
        .at("id")
        .get<std::int64_t>();
  }

  /// An inducted staff member of `pay_band` who used to commute by `commute_mode`.
  std::int64_t add_staff(const std::string& pay_band, const std::string& commute_mode)
  {
    return created("/api/v1/staff", {{"staff_number", "S" + std::to_string(10000 + ++staff_)},
                                     {"name", "Rider " + std::to_string(staff_)},
                                     {"pay_band", pay_band},
                                     {"induction_date", "2025-01-20"},
                                     {"commute_mode", commute_mode}})
        .at("id")
        .get<std::int64_t>();
  }

  /// Registers a tracker and fits it to `bike_id` from now, as a coordinator does in the admin pages.
  std::int64_t add_tracker(const std::string& device_id, std::int64_t bike_id) const
  {
    const auto registered = created("/api/v1/trackers", {{"device_id", device_id}});
    secrets_[device_id] = registered.at("secret").get<std::string>();
    const auto tracker = registered.at("id").get<std::int64_t>();
    const auto fitted =
        coordinator("PUT", "/api/v1/trackers/" + std::to_string(tracker) + "/bike", json{{"bike_id", bike_id}}.dump());
    INFO(fitted.body);
    REQUIRE(fitted.status == 200);
    return tracker;
  }

  struct tracked_bike {
    std::int64_t bike;
    std::int64_t tracker;
  };
  /// A bike at the site carrying tracker `device_id`.
  tracked_bike add_tracked_bike(const std::string& device_id)
  {
    const auto bike = add_bike(site);
    return {bike, add_tracker(device_id, bike)};
  }

  /// Registers a tracker fitted to `bike_id` since `fitted_at`, in the past.
  void fit_tracker_since(const std::string& device_id, std::int64_t bike_id, unix_seconds fitted_at) const
  {
    secrets_[device_id] = on_writer([&](db::connection& db) {
      return domain::register_tracker(db, domain::actor{"test"}, fitted_at, {device_id, "", bike_id}).value().secret;
    });
  }

  /// Lends `bike_id` to `staff_id` from `at`, in the past.
  std::int64_t lend(std::int64_t staff_id, std::int64_t bike_id, unix_seconds at) const
  {
    domain::checkout_input input;
    input.staff_id = staff_id;
    input.bike_id = bike_id;
    input.accessories = {"helmet", "lock", "charger", "lights"};
    input.terms_version = "2025-01";
    const auto lent = on_writer([&](db::connection& db) {
      return domain::loan_service::check_out(db, domain::actor{"test"}, at, input);
    });
    if (!lent) FAIL(lent.error().code << ": " << lent.error().message);
    return lent->id;
  }

  void give_back(std::int64_t loan_id, unix_seconds at) const
  {
    domain::return_input input;
    input.loan_id = loan_id;
    input.condition = {{"brakes_work", true}, {"tyres_ok", true}};
    input.accessories_returned = {"helmet", "lock", "charger", "lights"};
    const auto returned = on_writer([&](db::connection& db) {
      return domain::loan_service::return_bike(db, domain::actor{"test"}, at, input);
    });
    if (!returned) FAIL(returned.error().code << ": " << returned.error().message);
  }

  std::int64_t count(const std::string& sql) const { return app_calls::count(application_, sql); }

  std::vector<stored_position> positions_of(std::int64_t bike_id) const
  {
    std::vector<stored_position> rows;
    auto& row = application_.reader().query(
        "SELECT time_ms, lat_udeg, lon_udeg, accuracy_dm, odometer_m, battery_pct, valid, from_gpx"
        " FROM positions WHERE bike_id = ?1 ORDER BY time_ms",
        bike_id);
    while (row.step()) {
      rows.push_back({row.get_int(0), row.get_int(1), row.get_int(2), row.get_optional_int(3), row.get_optional_int(4),
                      row.get_optional_int(5), row.get_int(6) == 1, row.get_int(7) == 1});
    }
    row.reset();
    return rows;
  }

  std::int64_t site = 0;

private:
 /// The device id an OsmAnd request names: `id=` or `deviceid=` in its query or form body, or the
 /// JSON body's device_id; empty when it names none.
 static std::string named_device(const std::string& target, const std::string& body)
 {
   for (const auto* text : {&target, &body}) {
     for (const std::string key : {"id=", "deviceid="}) {
       for (auto at = text->find(key); at != std::string::npos; at = text->find(key, at + 1)) {
         if (at != 0 && (*text)[at - 1] != '?' && (*text)[at - 1] != '&') continue;
         const auto start = at + key.size();
         return text->substr(start, text->find('&', start) - start);
       }
     }
   }
   const auto parsed = json::parse(body, nullptr, false);
   if (parsed.is_object() && parsed.contains("device_id") && parsed.at("device_id").is_string()) {
     return parsed.at("device_id").get<std::string>();
   }
   return {};
 }

  static api::app_config configured(const std::string& path, const std::function<void(api::app_config&)>& adjust)
  {
    auto config = app_calls::test_config(path);
    if (adjust) adjust(config);
    return config;
  }

  api::response send(api::request req) const { return app_calls::dispatch(application_, std::move(req)); }

  template <typename Job>
  std::invoke_result_t<Job&, db::connection&> on_writer(Job job) const
  {
    return app_calls::on_writer(application_, std::move(job));
  }

  /// Creates through the API as the coordinator and answers the body.
  json created(const std::string& target, const json& body) const
  {
    const auto answer = coordinator("POST", target, body.dump());
    INFO(target << ": " << answer.body);
    REQUIRE(answer.status == 201);
    return body_of(answer);
  }

  void sign_in_coordinator()
  {
    constexpr char password[] = "correct horse battery";
    on_writer([&](db::connection& db) {
      return domain::create_user(db, domain::actor{"test"}, 0, {"coordinator", "Coordinator", "coordinator"},
                                 pedalpower::hash_secret(password, cheap_scrypt_cost))
          .value();
    });
    const auto answer = send(app_calls::make_request(
        "POST", "/api/v1/auth/login", json{{"username", "coordinator"}, {"password", password}}.dump(), "application/json"));
    REQUIRE(answer.status == 200);
    session_cookie_ = app_calls::session_token(answer);
    csrf_token_ = body_of(answer).at("csrf_token");
  }

  temp_database file_;
  api::app application_;
  mutable std::map<std::string, std::string> secrets_;  ///< each registered tracker's, by device id
  std::string session_cookie_;
  std::string csrf_token_;
  std::string gateway_token_;
  int bikes_ = 0;
  int staff_ = 0;
};

}  // namespace telematics_api
