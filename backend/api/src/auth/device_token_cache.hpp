#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "pedalpower/api/principal.hpp"

namespace pedalpower::api::auth {

/// Remembers which device a token digest belongs to, so a telematics gateway posting positions every
/// few seconds costs no database read. Bounded; emptied of a device when its token is rotated or it
/// is deactivated. Thread-safe.
class device_token_cache {
public:
  explicit device_token_cache(std::size_t capacity);

  struct lookup {
    std::optional<principal> device;
    std::uint64_t generation;  ///< pass to remember() after reading the database
  };

  lookup find(const std::string& token_digest) const;

  /// Caches `device` for `token_digest`, unless a device was forgotten since `seen_generation`:
  /// then the database read behind `device` may predate that change.
  void remember(const std::string& token_digest, const principal& device, std::uint64_t seen_generation);

  /// Drops every entry for the device. Call once its change is committed.
  void forget_device(std::int64_t device_id);

private:
  std::size_t capacity_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, principal> by_digest_;
  std::uint64_t generation_ = 0;
};

}  // namespace pedalpower::api::auth
