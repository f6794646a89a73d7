#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/pending_tries.hpp"

namespace pedalpower::domain {

/// How many failures a key may collect within a sliding window before it must wait.
struct throttle_limit {
  int max_failures;
  std::int64_t window_seconds;
};

/// Slows password and PIN guessing: counts failed sign-ins per account and per remote address in
/// memory over a sliding window. Thread-safe. Forgetting everything on restart is acceptable: the
/// slow hash and the PIN lockout (kept in the database) remain.
class login_throttle {
public:
  login_throttle(throttle_limit per_account, throttle_limit per_address, std::size_t max_tracked_keys = 10000);

  /// Seconds the caller must wait before another attempt for `account` from `address`; 0 if it may
  /// try now.
  std::int64_t retry_after(std::string_view account, std::string_view address, unix_seconds now);

  /// As retry_after, but a try let through (0) stays pending (see pending_tries) until
  /// record_failure or record_success ends it; meanwhile the account's next try waits a second.
  std::int64_t start_try(std::string_view account, std::string_view address, unix_seconds now);

  /// Counts one failed attempt against both the account and the address.
  void record_failure(std::string_view account, std::string_view address, unix_seconds now);

  /// A successful sign-in clears the account's failures; the address keeps its count, so one good
  /// password does not reset guessing at other accounts from the same place.
  void record_success(std::string_view account);

private:
  using failures = std::deque<unix_seconds>;
  struct window {
    throttle_limit limit;
    std::unordered_map<std::string, failures> by_key;
  };

  std::int64_t wait_locked(std::string_view account, std::string_view address, unix_seconds now);
  std::int64_t wait_for(window& counted, const std::string& key, unix_seconds now);
  void add(window& counted, std::string key, unix_seconds now);
  void make_room(window& counted, unix_seconds now);

  std::size_t max_tracked_keys_;
  std::mutex mutex_;
  pending_tries pending_;  ///< by account
  window accounts_;
  window addresses_;
};

}  // namespace pedalpower::domain
