#include "auth/device_token_cache.hpp"

#include <mutex>

namespace pedalpower::api::auth {

device_token_cache::device_token_cache(std::size_t capacity) : capacity_(capacity) {}

device_token_cache::lookup device_token_cache::find(const std::string& token_digest) const
{
  std::shared_lock lock(mutex_);
  const auto found = by_digest_.find(token_digest);
  if (found == by_digest_.end()) return {std::nullopt, generation_};
  return {found->second, generation_};
}

void device_token_cache::remember(const std::string& token_digest, const principal& device, std::uint64_t seen_generation)
{
  std::unique_lock lock(mutex_);
  if (seen_generation != generation_) return;
  // A fleet has far fewer devices than the capacity; only a stream of distinct valid tokens fills
  // it, and starting afresh then is cheaper than tracking recency on every read.
  if (by_digest_.size() >= capacity_) by_digest_.clear();
  by_digest_.insert_or_assign(token_digest, device);
}

void device_token_cache::forget_device(std::int64_t device_id)
{
  std::unique_lock lock(mutex_);
  std::erase_if(by_digest_, [device_id](const auto& entry) { return entry.second.id == device_id; });
  ++generation_;
}

}  // namespace pedalpower::api::auth
