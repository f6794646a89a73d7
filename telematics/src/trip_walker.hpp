#pragma once

#include <chrono>
#include <cstddef>
#include <optional>

#include "flat_metric.hpp"
#include "indexed_fix.hpp"
#include "step_haversine.hpp"
#include "pedalpower/telematics/trip_segmenter.hpp"

namespace pedalpower::telematics::detail {

/// The trip segmenter as a stream: it keeps copies of the few fixes it needs (where the trip
/// started, its last moving fix, the last counted point) rather than indices into a track, so
/// the estimator can feed it smoothed fixes as they come. All state is scalar: nothing is
/// allocated per fix.
class trip_walker {
public:
  trip_walker(const trip_options& trips, const cleaning_options& cleaning) : trips_(trips), cleaning_(cleaning) {}

  /// Takes the next cleaned fix in time order.
  void push(const indexed_fix& next);

  /// Ends the last trip and hands over the result.
  segmentation finish();

private:
  /// A fix remembered by value, with its place among the fixes pushed.
  struct mark {
    track_point fix;
    std::size_t index = 0;
    std::size_t ordinal = 0;
  };

  /// Everything about the trip in progress; reset whole when it closes.
  struct progress {
    bool open = false;
    mark start;
    mark last_moving;
    std::size_t first_stretch = 0;  ///< this trip's first entry in out_.vehicle_stretches
    double cycling_m = 0.0;
    double pending_m = 0.0;  ///< slow steps since the last moving one, counted if riding resumes
    double excluded_m = 0.0;
    double unobserved_m = 0.0;
    std::chrono::milliseconds moving_time{0};
    std::optional<geo_point> heading_from;  ///< where the last moving step set out from

    bool fast = false;  ///< within a stretch above the EAPC limit
    time_point fast_from{};
    time_point fast_to{};
    double fast_m = 0.0;
    std::chrono::milliseconds fast_time{0};
    std::chrono::milliseconds fast_core{0};  ///< time within the stretch above vehicle speed
  };

  /// How well a step's time and path are known.
  struct step_record {
    bool across_break = false;  ///< nothing was observed between its ends
    bool approximate = false;   ///< an end's time is only its time of arrival
  };

  void step(const mark& from, const mark& to, double distance_m, step_record record);
  bool bridges(const mark& from, const mark& to, double speed, std::chrono::milliseconds dt) const;
  void unobserved(const mark& to, double distance_m);
  void impossible(double distance_m);
  void end_fast_stretch();
  void close();

  const trip_options& trips_;
  const cleaning_options& cleaning_;
  segmentation out_;
  flat_metric metric_;
  step_haversine distance_;
  progress current_;
  mark anchor_;  ///< the last counted point: distance is measured from it
  time_point previous_time_{};
  step_record since_anchor_;  ///< what the fixes absorbed since the anchor say of the next step
  std::size_t pushed_ = 0;
};

}  // namespace pedalpower::telematics::detail
