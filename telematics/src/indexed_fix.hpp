#pragma once

#include <cstddef>

#include "pedalpower/telematics/position.hpp"

namespace pedalpower::telematics::detail {

/// A fix passing between the estimator's stages, with its index in the caller's track.
struct indexed_fix {
  track_point fix;
  std::size_t index = 0;
};

}  // namespace pedalpower::telematics::detail
