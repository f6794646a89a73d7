#pragma once

#include <span>

#include "pedalpower/telematics/cleaning.hpp"
#include "pedalpower/telematics/position.hpp"
#include "pedalpower/telematics/smoothing.hpp"
#include "pedalpower/telematics/trip_segmenter.hpp"

namespace pedalpower::telematics {

struct estimator_options {
  cleaning_options cleaning;
  smoothing_options smoothing;
  trip_options trips;
};

struct track_estimate {
  cleaning_report cleaning;
  segmentation segments;           ///< trip indices refer to the track given to estimate_track
  double distance_m = 0.0;         ///< cycling distance over all trips, as counted
  double excluded_distance_m = 0.0;  ///< vehicle distance within trips
  double unobserved_distance_m = 0.0;  ///< across breaks not bridged, within trips or not (as segments)
};

/// The whole estimator: cleans, smooths and segments one device's track (in time order) and
/// totals the cycling distance. The stages stream into one another, so the track is read once and
/// never copied: memory is a buffer of about a thousand fixes plus the trips found, whatever the
/// track's length (sorting late fixes, if asked for, adds an index per fix). Work per fix is a
/// few dozen arithmetic operations, with a haversine per counted step. Throws only std::bad_alloc.
track_estimate estimate_track(std::span<const track_point> track, const estimator_options& options = {});

}  // namespace pedalpower::telematics
