#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "pedalpower/telematics/position.hpp"

namespace pedalpower::telematics {

/// Why a fix was left out of the cleaned track.
enum class drop_reason : std::size_t {
  invalid,       ///< flagged invalid by the device, non-finite, out of range, or (0, 0)
  duplicate,     ///< same time as the fix before it
  out_of_order,  ///< earlier than the fix before it
  low_accuracy,  ///< reported accuracy worse than the limit
  spike,         ///< a lone fix reached and left faster than any vehicle, the track either side agreeing
};
inline constexpr std::size_t drop_reason_count = 5;

/// The reason's name as used in reports, e.g. "low_accuracy". Never throws.
std::string_view to_string(drop_reason reason) noexcept;

/// Each cleaning step can be switched off or retuned. Defaults follow Traccar's filters
/// (invalid, zero, duplicate, accuracy, jitter, max speed) tuned for a bike and a phone.
struct cleaning_options {
  /// Traccar's filter.invalid: a device that says its fix is invalid is believed. Fixes that are
  /// non-finite, out of range or (0, 0) are always dropped: nothing can be computed from them.
  bool drop_flagged_invalid = true;
  /// Traccar's filter.duplicate: a repeated time is a re-sent fix.
  bool drop_duplicates = true;
  /// Late fixes are dropped, as a live feed must; false sorts them into place instead, for
  /// batches uploaded out of order after a spell offline.
  bool drop_out_of_order = true;
  /// Phones report 3–10 m outdoors; beyond 50 m the fix comes from Wi-Fi or cell towers and its
  /// error exceeds a street block. nullopt keeps every fix.
  std::optional<double> max_accuracy_m = 50.0;
  /// 50 m/s (180 km/h) is faster than any road vehicle in the UK; a lone fix reached and left
  /// faster than this, while its neighbours agree with each other, is a bad fix. nullopt keeps it.
  std::optional<double> spike_speed_mps = 50.0;

  /// The next three act on motion between fixes, so the trip segmenter applies them.

  /// Jitter: a fix closer than this to the last counted point adds no distance of its own; its
  /// motion is carried until the bike has really moved this far, so slow riding is not lost.
  /// 10 m is several times the 2–3 m of error left after smoothing, so a parked bike's wander
  /// rarely reaches it, yet walking pace covers it in seven seconds.
  double min_move_m = 10.0;
  /// Sustained speed above 40 km/h means the bike is in a car or on a train: EAPC assistance
  /// stops at 25 km/h and commuters rarely hold 40 km/h for long. nullopt counts all motion.
  std::optional<double> vehicle_speed_mps = 40.0 / 3.6;
  /// "Sustained": a fast stretch counts as a vehicle once it has spent this long above
  /// vehicle_speed_mps, so a short downhill sprint stays cycling.
  std::chrono::seconds vehicle_min_duration{60};
  /// A vehicle stretch extends either way while faster than the 25 km/h EAPC assistance limit, so
  /// a train's acceleration and braking are excluded too.
  double vehicle_release_speed_mps = 25.0 / 3.6;
};

/// Counts per reason, indexed by drop_reason.
struct cleaning_report {
  std::array<std::size_t, drop_reason_count> dropped{};
  std::size_t kept = 0;

  std::size_t dropped_for(drop_reason reason) const noexcept { return dropped[static_cast<std::size_t>(reason)]; }
  std::size_t total_dropped() const noexcept;
};

/// The fixes that survive cleaning, in time order, each with its index in the input.
struct cleaned_track {
  std::vector<track_point> points;
  std::vector<std::size_t> source_index;
  cleaning_report report;
};

/// Applies the per-fix steps of `options` (invalid, duplicate, out-of-order, accuracy, spike) and
/// reports what was dropped and why. Duplicates and order are judged against the last fix kept.
/// Throws only std::bad_alloc.
cleaned_track clean_track(std::span<const track_point> track, const cleaning_options& options = {});

}  // namespace pedalpower::telematics
