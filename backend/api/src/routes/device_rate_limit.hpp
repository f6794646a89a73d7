#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pedalpower::api {

/// How often one device may send (see app_config).
struct device_rate {
  double per_second = 0.0;
  double burst = 0.0;
};

/// A token bucket per device id, shared by the network threads. Memory is bounded: past
/// `max_devices` buckets, those refilled to the brim (idle devices) are forgotten, and if every
/// one is busy all are, so a flood of invented ids cannot grow it.
class device_rate_limit {
public:
  using clock = std::chrono::steady_clock;

  explicit device_rate_limit(device_rate rate, std::size_t max_devices = 100'000) : rate_(rate), max_devices_(max_devices) {}

  /// Takes a token from `device_id`'s bucket at `now`; false when it is empty.
  bool take(std::string_view device_id, clock::time_point now);

private:
  struct bucket {
    double tokens = 0.0;
    clock::time_point updated;
  };

  double refilled(const bucket& each, clock::time_point now) const;
  void make_room(clock::time_point now);

  device_rate rate_;
  std::size_t max_devices_;
  std::mutex mutex_;
  std::unordered_map<std::string, bucket> buckets_;
};

}  // namespace pedalpower::api
