#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <variant>

#include <nlohmann/json.hpp>

#include "fix_inserter.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/domain/positions.hpp"
#include "site_locations.hpp"
#include "pedalpower/telematics/error.hpp"

namespace pedalpower::domain {
namespace {

constexpr double max_odometer_m = 1e9;  // a million kilometres: beyond any bike's life

/// When a tracker was on which bike, in Unix milliseconds.
struct fitting {
  std::int64_t bike_id = 0;
  std::int64_t from_ms = 0;
  std::optional<std::int64_t> until_ms;

  bool covers(std::int64_t time_ms) const { return from_ms <= time_ms && (!until_ms || time_ms < *until_ms); }
};

/// Compares in time independent of where the digests differ.
bool digests_equal(std::string_view a, std::string_view b)
{
  if (a.size() != b.size()) return false;
  unsigned char differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i) differ |= static_cast<unsigned char>(a[i] ^ b[i]);
  return differ == 0;
}

/// Why a sender's fixes are refused whole, if they are.
enum class sender_refusal { none, unknown_device, wrong_secret };

/// The fittings of the active tracker sending as `device_id`, or why its fixes are refused: no
/// such active tracker, or, for a request straight from a device, a secret it does not present (or
/// none to present).
std::variant<std::vector<fitting>, sender_refusal> fittings_of(db::connection& db, const std::string& device_id,
                                                               const std::optional<std::string>& secret)
{
  auto& tracker = db.query("SELECT id, secret_digest FROM trackers WHERE device_id = ?1 AND active = 1", device_id);
  // The digest is computed whether or not the tracker exists, so both take the same time.
  const auto presented = token_digest(secret.value_or(""));
  if (!tracker.step()) return sender_refusal::unknown_device;
  const auto tracker_id = tracker.get_int(0);
  const auto digest = tracker.get_optional_text(1);
  tracker.reset();
  // Straight from a device, only the tracker's secret vouches for a fix: one with none takes no such fix.
  if (secret && (!digest || secret->empty() || !digests_equal(*digest, presented))) return sender_refusal::wrong_secret;
  std::vector<fitting> fittings;
  auto& rows = db.query("SELECT bike_id, fitted_at, removed_at FROM tracker_assignments WHERE tracker_id = ?1"
                        " ORDER BY fitted_at",
                        tracker_id);
  while (rows.step()) {
    const auto removed = rows.get_optional_int(2);
    fittings.push_back({rows.get_int(0), rows.get_int(1) * 1000,
                        removed ? std::optional<std::int64_t>(*removed * 1000) : std::nullopt});
  }
  return fittings;
}

/// A slot of refused_senders for `device_id`: FNV-1a, so a restart keeps the same slots.
std::int64_t sender_slot(std::string_view device_id)
{
  std::uint32_t hash = 2166136261u;
  for (const char c : device_id) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  return hash % 256;
}

void note_refused_sender(db::connection& db, const std::string& device_id, sender_refusal why, std::size_t fixes,
                         unix_seconds now)
{
  db.run("INSERT INTO refused_senders(slot, device_id, reason, fixes, last_at) VALUES (?1, ?2, ?3, ?4, ?5)"
         " ON CONFLICT(slot) DO UPDATE SET fixes = CASE WHEN device_id = excluded.device_id THEN fixes ELSE 0 END"
         " + excluded.fixes, device_id = excluded.device_id, reason = excluded.reason, last_at = excluded.last_at",
         sender_slot(device_id), device_id, why == sender_refusal::wrong_secret ? "wrong_secret" : "unknown_device",
         static_cast<std::int64_t>(fixes), now);
}

std::optional<std::int64_t> bike_at(const std::vector<fitting>& fittings, std::int64_t time_ms)
{
  for (const auto& fitted : fittings) {
    if (fitted.covers(time_ms)) return fitted.bike_id;
  }
  return std::nullopt;
}

void raise_odometers(db::connection& db, const std::unordered_map<std::int64_t, std::int64_t>& highest)
{
  for (const auto& [bike_id, odometer_m] : highest) {
    db.run("UPDATE bikes SET odometer_m = ?2 WHERE id = ?1 AND odometer_m < ?2", bike_id, odometer_m);
  }
}

}  // namespace

stored_fix to_stored_fix(const telematics::position& fix)
{
  if (fix.odometer_m && *fix.odometer_m > max_odometer_m) {
    throw telematics::invalid_input("odometer", "is beyond a million kilometres");
  }
  const auto whole = [](double value, double scale) { return static_cast<std::int32_t>(std::lround(value * scale)); };
  stored_fix stored;
  stored.time_ms = fix.time.time_since_epoch().count();
  stored.lat_udeg = whole(fix.lat, 1e6);
  stored.lon_udeg = whole(fix.lon, 1e6);
  if (fix.accuracy_m) stored.accuracy_dm = whole(*fix.accuracy_m, 10.0);
  if (fix.odometer_m) stored.odometer_m = std::llround(*fix.odometer_m);
  if (fix.battery) stored.battery_pct = whole(*fix.battery, 100.0);
  stored.valid = fix.valid;
  stored.time_estimated = fix.time_estimated;
  stored.follows_break = fix.follows_break;
  return stored;
}

void tracker_positions::add(std::string_view device_id, std::size_t index, const stored_fix& fix)
{
  auto [known, added] = device_numbers_.try_emplace(std::string(device_id), static_cast<std::uint32_t>(device_ids_.size()));
  if (added) device_ids_.emplace_back(device_id);
  items_.push_back({index, known->second, fix});
}

void to_json(nlohmann::json& out, const position_rejection& value)
{
  out = {{"index", value.index}, {"code", value.code}, {"field", value.field}, {"message", value.message}};
}

void to_json(nlohmann::json& out, const ingest_result& value)
{
  out = {{"accepted", value.accepted},
         {"duplicates", value.duplicates},
         {"outside_area", value.outside_area},
         {"rejected", value.rejected.size()},
         {"rejections", value.rejected}};
}

ingest_result store_tracker_positions(db::connection& db, const tracker_positions& positions, const scheme_area& area,
                                      unix_seconds now)
{
  ingest_result result;
  result.rejected = positions.rejected();

  std::vector<std::variant<std::vector<fitting>, sender_refusal>> fittings;
  std::vector<std::size_t> fixes_from(positions.device_ids().size(), 0);
  fittings.reserve(positions.device_ids().size());
  for (const auto& device_id : positions.device_ids()) {
    fittings.push_back(fittings_of(db, device_id, positions.presented_secret()));
  }
  const auto sites = site_locations(db);
  std::vector<stored_fix> flagged;  // copies marked outside the area; reserved so pointers stay put
  flagged.reserve(positions.items().size());

  std::vector<bike_fix> rows;
  rows.reserve(positions.items().size());
  std::unordered_map<std::int64_t, std::int64_t> highest_odometer;
  for (const auto& [index, device, fix] : positions.items()) {
    const auto* device_fittings = std::get_if<std::vector<fitting>>(&fittings[device]);
    if (!device_fittings) {
      ++fixes_from[device];
      result.rejected.push_back({index, "unknown_device", "device_id",
                                 "no active tracker is registered as " + positions.device_ids()[device]});
      continue;
    }
    const auto bike_id = bike_at(*device_fittings, fix.time_ms);
    if (!bike_id) {
      result.rejected.push_back({index, "not_on_a_bike", "time", "the tracker was not fitted to a bike at that time"});
      continue;
    }
    if (outside(area, sites, fix)) {
      flagged.push_back(fix);
      flagged.back().outside_area = true;
      rows.push_back({*bike_id, &flagged.back()});
      ++result.outside_area;
      continue;  // nor does it move the odometer
    }
    rows.push_back({*bike_id, &fix});
    if (fix.odometer_m) {
      auto& highest = highest_odometer[*bike_id];
      highest = std::max(highest, *fix.odometer_m);
    }
  }

  for (std::size_t device = 0; device < fittings.size(); ++device) {
    if (const auto* why = std::get_if<sender_refusal>(&fittings[device])) {
      note_refused_sender(db, positions.device_ids()[device], *why, fixes_from[device], now);
    }
  }
  result.accepted = insert_fixes(db, rows, false);
  result.duplicates = rows.size() - result.accepted;
  raise_odometers(db, highest_odometer);
  std::sort(result.rejected.begin(), result.rejected.end(),
            [](const position_rejection& a, const position_rejection& b) { return a.index < b.index; });
  return result;
}

}  // namespace pedalpower::domain
