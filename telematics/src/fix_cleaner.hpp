#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "flat_metric.hpp"
#include "pedalpower/telematics/cleaning.hpp"

namespace pedalpower::telematics::detail {

/// A fix in the caller's track, by reference.
struct fix_ref {
  const track_point* fix = nullptr;
  std::size_t index = 0;
};

/// The per-fix cleaning steps as a stream, so the estimator never copies a whole track. It refers
/// to the fixes pushed rather than copying them: they must outlive the cleaner.
class fix_cleaner {
public:
  explicit fix_cleaner(const cleaning_options& options) : options_(options) {}

  /// Judges the next fix. Returns the fixes now kept, in time order: none, this one, or a fix held
  /// as a possible spike followed by this one. The span is valid until the next call.
  std::span<const fix_ref> push(const track_point& fix, std::size_t index);

  /// Releases a fix still held at the end of the track.
  std::span<const fix_ref> finish();

  /// Counts so far; `kept` is complete after finish().
  const cleaning_report& report() const noexcept { return report_; }

private:
  bool too_fast(const track_point& from, const track_point& to) noexcept;
  void keep(const fix_ref& fix);

  const cleaning_options& options_;
  cleaning_report report_;
  flat_metric metric_;
  std::array<fix_ref, 2> ready_{};
  std::size_t ready_count_ = 0;
  const track_point* last_kept_ = nullptr;
  std::optional<time_point> last_time_;  ///< of the last fix accepted, held or kept
  // A held fix was reached too fast: the next fix shows whether it was a lone spike (the track
  // goes on from before it) or the start of real fast motion (the track goes on from it).
  fix_ref suspect_{};
};

/// The order in which to clean `track`: empty for "as given"; sorted by time (stably) when late
/// fixes are to be kept rather than dropped.
std::vector<std::size_t> cleaning_order(std::span<const track_point> track, const cleaning_options& options);

}  // namespace pedalpower::telematics::detail
