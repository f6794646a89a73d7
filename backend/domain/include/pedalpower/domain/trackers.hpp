#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/listing.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// A GPS device fitted to a bike (a bike computer, a tracker, or a phone running Traccar Client),
/// known by the id it sends with every position.
struct tracker {
  std::int64_t id = 0;
  std::string device_id;
  std::string note;
  bool active = true;
  std::optional<std::int64_t> bike_id;  ///< the bike it is fitted to now
  unix_seconds created_at = 0;
  bool has_secret = false;  ///< its OsmAnd fixes count only with its secret in the URL
};

/// id, device_id, note, active, bike_id, created_at (ISO 8601) and has_secret.
void to_json(nlohmann::json& out, const tracker& value);

struct new_tracker {
  std::string device_id;  ///< 1-64 visible ASCII characters, as the device is configured
  std::string note;
  std::optional<std::int64_t> bike_id;  ///< fitted from now when given
};

/// Fits the tracker to `bike_id` from now, or takes it off its bike when nullopt. Positions it
/// took earlier stay with the bike it was on when it took them. Fitting it to the bike it is
/// already on changes nothing. Problems: not_found "tracker_not_found" or "bike_not_found";
/// conflict "tracker_inactive", or "bike_has_tracker" when the bike carries another one. Audited.
outcome<tracker> assign_tracker(db::connection& db, const actor& who, unix_seconds now, std::int64_t tracker_id,
                                std::optional<std::int64_t> bike_id);

/// Takes the tracker off its bike and stops accepting its positions; it keeps its history.
/// Deactivating twice changes nothing. Problems: not_found "tracker_not_found". Audited.
outcome<tracker> deactivate_tracker(db::connection& db, const actor& who, unix_seconds now, std::int64_t tracker_id);

/// A tracker's new secret, shown this once: only its SHA-256 is kept.
struct issued_tracker_secret {
  tracker fitted;
  std::string secret;
};

/// tracker's members, and "secret".
void to_json(nlohmann::json& out, const issued_tracker_secret& value);

/// Registers a tracker, fitted to `bike_id` from now if given, with a secret of its own (see
/// issue_tracker_secret), shown this once: a device id is no credential, since it is printed on the
/// device and often guessable. Problems: invalid "device_id" or "note"; not_found "bike_not_found";
/// conflict "device_id_taken", or "bike_has_tracker" when the bike carries another tracker. Audited
/// without the secret.
outcome<issued_tracker_secret> register_tracker(db::connection& db, const actor& who, unix_seconds now,
                                                const new_tracker& details);

/// Gives the tracker a new random secret (256 bits, URL-safe), replacing any it had: from now on
/// its OsmAnd fixes count only when the URL carries `secret=<it>` (Traccar Client lets the server
/// URL be set, query included). Problems: not_found "tracker_not_found"; conflict
/// "tracker_inactive". Audited without the secret.
outcome<issued_tracker_secret> issue_tracker_secret(db::connection& db, const actor& who, unix_seconds now,
                                                    std::int64_t tracker_id);

/// Drops the tracker's secret: its OsmAnd fixes count no more until it is given a new one (a
/// gateway's batches, sent with the gateway's token, still do). Dropping none changes nothing.
/// Problems: not_found "tracker_not_found". Audited.
outcome<tracker> clear_tracker_secret(db::connection& db, const actor& who, unix_seconds now, std::int64_t tracker_id);

/// A device whose OsmAnd fixes were refused: sent as no active tracker, or with a wrong secret.
/// Kept in 256 slots by a hash of the id, so a flood of invented ids overwrites itself.
struct refused_sender {
  std::string device_id;
  std::string reason;  ///< "unknown_device" or "wrong_secret"
  std::int64_t fixes = 0;
  unix_seconds last_at = 0;
};

/// device_id, reason, fixes and last_at (ISO 8601).
void to_json(nlohmann::json& out, const refused_sender& value);

/// The refused senders, latest first.
std::vector<refused_sender> list_refused_senders(db::connection& db);

outcome<tracker> find_tracker(db::connection& db, std::int64_t tracker_id);
/// Every tracker, by device id.
struct tracker_filter {
  std::optional<std::int64_t> bike_id;
  std::optional<bool> active;
};

/// One page of the trackers matching `filter`, by device id unless `wanted` sorts by device_id,
/// created_at or id. Problems: invalid "sort", "page" or "page_size".
outcome<list_page<tracker>> list_trackers(db::connection& db, const tracker_filter& filter, const page_request& wanted);

}  // namespace pedalpower::domain
