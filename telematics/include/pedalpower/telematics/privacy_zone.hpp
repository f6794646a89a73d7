#pragma once

#include <span>

#include "pedalpower/telematics/geo.hpp"
#include "pedalpower/telematics/position.hpp"

namespace pedalpower::telematics {

/// A circle, typically 400–1600 m across its radius, around a place a rider wants kept private.
struct privacy_zone {
  geo_point centre;
  double radius_m = 800.0;
};

/// The part of `track` that may be shown or exported: the leading and trailing fixes inside any
/// zone are cut, so the first fix shown is the first recorded outside. It is never a point placed
/// on the circle, which over several trips would trace the circle and give away its centre.
/// Only display uses this: distances are computed on the whole track, so they stay whole.
/// Returns an empty span if every fix is inside a zone. Throws invalid_input (field "radius_m")
/// if a zone's radius is not a positive number.
std::span<const track_point> displayable_track(std::span<const track_point> track,
                                               std::span<const privacy_zone> zones);

}  // namespace pedalpower::telematics
