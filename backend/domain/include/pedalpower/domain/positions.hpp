#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/telematics/position.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// How far from the scheme's sites a fix may be and still be a ride of the scheme's bikes: a
/// commute of an hour at e-bike speed is about 25 km, so 50 km leaves room for any staff home.
struct scheme_area {
  double radius_m = 50'000.0;
};

/// A fix in the whole-number units the positions table keeps.
struct stored_fix {
  std::int64_t time_ms = 0;
  std::int32_t lat_udeg = 0;  ///< micro-degrees
  std::int32_t lon_udeg = 0;
  std::optional<std::int32_t> accuracy_dm;
  std::optional<std::int64_t> odometer_m;
  std::optional<std::int32_t> battery_pct;
  bool valid = true;
  bool time_estimated = false;  ///< see telematics::position
  bool follows_break = false;   ///< see telematics::position
  bool outside_area = false;    ///< far from every site: kept, never counted (see scheme_area)
};

/// A position that passed telematics::validate_position, rounded to the stored units. Speed,
/// bearing, altitude, hdop and extra attributes are dropped: nothing the scheme reports needs them.
/// Throws telematics::invalid_input (field "odometer") for a reading beyond a million kilometres.
stored_fix to_stored_fix(const telematics::position& fix);

/// Why one position of a request was not stored.
struct position_rejection {
  std::size_t index = 0;  ///< its place in the request, from 0
  std::string code;       ///< "invalid", "unknown_device" or "not_on_a_bike"
  std::string field;
  std::string message;
};

void to_json(nlohmann::json& out, const position_rejection& value);

/// Positions sent by trackers, each with the device id it came from and its place in the request.
class tracker_positions {
public:
  struct item {
    std::size_t index = 0;
    std::uint32_t device = 0;  ///< into device_ids()
    stored_fix fix;
  };

  void add(std::string_view device_id, std::size_t index, const stored_fix& fix);
  void reject(position_rejection rejection) { rejected_.push_back(std::move(rejection)); }
  /// Marks the request as one straight from a device (OsmAnd), with the secret its URL gave ("" for
  /// none): a tracker that has a secret accepts only it. A gateway's batch, sent with its bearer
  /// token, is not marked.
  void present_secret(std::string secret) { secret_ = std::move(secret); }
  /// The secret presented, or nullopt when the request needs none.
  const std::optional<std::string>& presented_secret() const noexcept { return secret_; }

  const std::vector<std::string>& device_ids() const noexcept { return device_ids_; }
  const std::vector<item>& items() const noexcept { return items_; }
  const std::vector<position_rejection>& rejected() const noexcept { return rejected_; }

private:
  std::vector<std::string> device_ids_;
  std::unordered_map<std::string, std::uint32_t> device_numbers_;
  std::vector<item> items_;
  std::vector<position_rejection> rejected_;
  std::optional<std::string> secret_;
};

/// The body of a position batch is not JSON.
class malformed_batch : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Most positions one batch may carry: about 8 MiB of JSON.
inline constexpr std::size_t max_batch_positions = 65'536;

/// Reads `{"device_id"?, "positions": [{"device_id"?, "time", "lat", "lon", "accuracy"?, "speed"?,
/// "odometer"?, "battery"?, "valid"?}, ...]}` in one pass without building a document. `time` is a
/// string in any form telematics::parse_timestamp reads, or a number of epoch seconds or
/// milliseconds; `battery` a fraction 0-1. An item's device_id overrides the batch's. An item that
/// is malformed or fails telematics::validate_position at `now` is rejected alone, with its field.
/// Problems (422): "positions" missing, not an array or longer than max_batch_positions, a top-level
/// device_id that is not a string, a body that is not an object. Throws malformed_batch when the
/// body is not JSON.
outcome<tracker_positions> parse_position_batch(std::string_view body, telematics::time_point now);

struct ingest_result {
  std::size_t accepted = 0;
  std::size_t duplicates = 0;  ///< already stored (the same bike and time)
  std::size_t outside_area = 0;  ///< accepted, but flagged as far from every site
  std::vector<position_rejection> rejected;  ///< in request order
};

/// {"accepted", "duplicates", "outside_area", "rejected": count, "rejections": [...]}.
void to_json(nlohmann::json& out, const ingest_result& value);

/// Stores tracker positions on the bike each tracker was fitted to at the fix's time, in one pass
/// with a reused statement; a fix already stored for that bike and time is a duplicate, not an
/// error. Rejected per position: "unknown_device" (not registered, or deactivated, or a tracker
/// with a secret when the request presents another: see tracker_positions::present_secret) and
/// "not_on_a_bike" (not fitted to a bike at that time). A fix farther than `area.radius_m` from every
/// site with a location is stored flagged outside_area and never counted in a trip. A device
/// refused as unknown is noted in refused_senders. A bike's odometer rises to the largest
/// reading received and never falls. Not audited one by one: the positions are their own record,
/// and audit rows (kept for ever) would outlive the retention period. Throws db::error.
ingest_result store_tracker_positions(db::connection& db, const tracker_positions& positions,
                                      const scheme_area& area = {}, unix_seconds now = 0);

struct gpx_import {
  std::int64_t loan_id = 0;
  std::int64_t bike_id = 0;
  std::size_t points = 0;
  std::size_t accepted = 0;
  std::size_t duplicates = 0;
  telematics::time_point first{};
  telematics::time_point last{};
};

void to_json(nlohmann::json& out, const gpx_import& value);

/// Attaches a ride recorded as GPX (a rider's phone app, a bike computer) to a loan: its points
/// are stored on the loan's bike. Problems: not_found "loan_not_found"; invalid "empty_track", a
/// point failing validate_position (its field, with the point's number in the message), or
/// "outside_loan" for a point before the checkout or after the return; conflict
/// "track_overlaps_tracker" when the bike's tracker already recorded positions within the ride's
/// time span. Importing the same file again stores nothing new. Audited with counts only: a
/// ride's times and places are personal data, and the audit log outlives the positions.
/// Throws db::error.
outcome<gpx_import> import_gpx_track(db::connection& db, const actor& who, unix_seconds now, std::int64_t loan_id,
                                     std::span<const telematics::position> points);

}  // namespace pedalpower::domain
