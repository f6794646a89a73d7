#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "pedalpower/core/clock.hpp"

namespace pedalpower::domain {

/// The sign-in tries let through whose outcome is not yet counted, by key. While a key has one, its
/// next try waits: tries sent together are judged one after another, each failure counted before the
/// next is let through, so a burst cannot outrun the count. Not thread-safe: its owner locks.
class pending_tries {
 public:
  /// Longer than any slow hash takes, even queued behind others; a try never ended (its request
  /// failed on the way) stops holding up its key after this.
  static constexpr std::int64_t hold_seconds = 10;

  explicit pending_tries(std::size_t max_keys) : max_keys_(max_keys) {}

  /// Marks a try of `key` started now and answers true, or answers false (the caller waits) while
  /// an earlier try of the key is pending or too many keys are.
  bool start(const std::string& key, unix_seconds now);

  /// The try of `key` is counted.
  void end(const std::string& key) { started_.erase(key); }

 private:
  std::size_t max_keys_;
  std::unordered_map<std::string, unix_seconds> started_;
};

}  // namespace pedalpower::domain
