#pragma once

#include <chrono>

namespace pedalpower::kiosk {

/// How long to wait before retrying a backend that could not be reached: doubling from `first` up
/// to `longest`, with jitter so kiosks that lost the network together do not return in step.
struct backoff_policy {
  std::chrono::milliseconds first{1000};
  std::chrono::milliseconds longest{30000};

  /// The wait after `failures` consecutive failures (1 or more). `unit_random` in [0, 1) picks a
  /// point in the upper half of the doubled delay, so the wait never falls below half of it.
  std::chrono::milliseconds delay(int failures, double unit_random) const;
};

}  // namespace pedalpower::kiosk
