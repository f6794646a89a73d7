#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "indexed_fix.hpp"
#include "pedalpower/telematics/smoothing.hpp"

namespace pedalpower::telematics::detail {

/// The Kalman smoother as a stream over a fixed buffer, so tracks of any length are smoothed
/// without a copy. Fixes are filtered forward as they arrive; every `block` fixes the backward
/// pass runs over the buffer and releases all but the last `overlap`, which stay to be smoothed
/// again with the fixes after them. A backward pass forgets a fix's influence within a few
/// seconds, so 64 fixes of overlap make the result indistinguishable from smoothing the whole run.
class track_smoother {
public:
  /// One buffered fix and its forward-filtered state.
  struct entry {
    indexed_fix out;  ///< lat/lon become the smoothed estimate once the backward pass has run
    double x = 0.0;   ///< east, m from the run's first fix
    double vx = 0.0;
    double y = 0.0;  ///< north
    double vy = 0.0;
    double pp = 0.0;  ///< position, position-velocity and velocity variances, shared by both axes
    double pv = 0.0;
    double vv = 0.0;
  };

  explicit track_smoother(const smoothing_options& options);

  /// Takes the next fix in time order. Returns the entries now final, in order, their `out`
  /// smoothed; the span is valid until the next call.
  std::span<const entry> push(const track_point& fix, std::size_t index);

  /// Returns every entry still held, smoothed.
  std::span<const entry> finish();

private:
  void start_run(const track_point& fix, std::size_t index);
  void filter(const track_point& fix, std::size_t index);
  void smooth_buffer();
  double process_noise(const entry& state) const noexcept;
  double measurement_variance(const track_point& fix) const noexcept;
  /// Hands out the first `count` entries; they leave the buffer on the next call.
  std::span<const entry> release(std::size_t count);

  static constexpr std::size_t block = 1024;
  static constexpr std::size_t overlap = 64;

  const smoothing_options& options_;
  std::vector<entry> buffer_;
  std::size_t released_ = 0;
  double lat0_ = 0.0;
  double lon0_ = 0.0;
  double east_ = 0.0;  ///< metres per degree of longitude at the run's origin
};

}  // namespace pedalpower::telematics::detail
