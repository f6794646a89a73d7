#pragma once

#include <chrono>

#include "pedalpower/telematics/position.hpp"

namespace pedalpower::telematics {

struct validation_limits {
  /// Phone and GNSS clocks are accurate to seconds; a fix further ahead than this comes from a
  /// wrong clock or local time sent as UTC (British Summer Time would be 60 minutes ahead).
  std::chrono::minutes max_future{10};
  /// Cell-tower fixes can be a few kilometres wide and are worth storing (cleaning drops them);
  /// beyond this the figure is nonsense.
  double max_accuracy_m = 10'000.0;
};

/// Checks that a parsed position makes physical sense: latitude within ±90 and longitude within
/// ±180, not the (0, 0) "null island" a GPS without a fix reports, time at most `max_future` after
/// `now`, accuracy within 0..max_accuracy_m, speed, hdop and odometer non-negative, battery within
/// 0–1, every number finite. Throws invalid_input naming the first field at fault.
void validate_position(const position& fix, time_point now, const validation_limits& limits = {});

}  // namespace pedalpower::telematics
