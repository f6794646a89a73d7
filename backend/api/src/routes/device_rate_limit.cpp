#include "routes/device_rate_limit.hpp"

#include <algorithm>
#include <iterator>

namespace pedalpower::api {

double device_rate_limit::refilled(const bucket& each, clock::time_point now) const
{
  const double seconds = std::chrono::duration<double>(now - each.updated).count();
  return std::min(rate_.burst, each.tokens + std::max(seconds, 0.0) * rate_.per_second);
}

void device_rate_limit::make_room(clock::time_point now)
{
  std::erase_if(buckets_, [&](const auto& entry) { return refilled(entry.second, now) >= rate_.burst; });
  if (buckets_.size() >= max_devices_) buckets_.clear();
}

bool device_rate_limit::take(std::string_view device_id, clock::time_point now)
{
  const std::lock_guard lock(mutex_);
  auto found = buckets_.find(std::string(device_id));
  if (found == buckets_.end()) {
    if (buckets_.size() >= max_devices_) make_room(now);
    found = buckets_.emplace(std::string(device_id), bucket{rate_.burst, now}).first;
  }
  auto& each = found->second;
  each.tokens = refilled(each, now);
  each.updated = now;
  if (each.tokens < 1.0) return false;
  each.tokens -= 1.0;
  return true;
}

}  // namespace pedalpower::api
