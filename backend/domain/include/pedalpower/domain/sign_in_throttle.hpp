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

/// How password sign-ins are slowed. Failures count over a sliding window.
struct sign_in_limits {
  std::int64_t window_seconds = 15 * 60;
  int pair_lock_after = 5;        ///< failures for one account from one address that lock that pair
  int address_lock_after = 30;    ///< failures from one address across accounts that lock the address
  int account_attack_after = 10;  ///< failures for one account from anywhere that mean it is under attack
  int free_failures = 2;          ///< a pair's failures before each further try waits
  std::int64_t first_delay_seconds = 5;  ///< the first wait; each further failure doubles it
};

/// What a failure changed that the account's owner should hear about.
enum class throttle_news {
  none,
  pair_locked,           ///< this address may no longer try this account until the window passes
  account_under_attack,  ///< the account has collected many failures from several places
};

/// Slows password guessing without letting a stranger lock the owner out. An account and an address
/// together (a "pair") wait longer after each failure and then lock; an address guessing across many
/// accounts locks; failures of one account from everywhere never lock it, they only take away the
/// free tries of every pair that has failed on it, so an address that has not failed there still gets
/// in. Kept in memory and thread-safe; forgetting it on restart is acceptable, the slow hash remains.
class sign_in_throttle {
public:
  explicit sign_in_throttle(sign_in_limits limits = {}, std::size_t max_tracked_keys = 10000);

  /// Seconds to wait before `address` may try `account` again; 0 if it may try now.
  std::int64_t retry_after(std::string_view account, std::string_view address, unix_seconds now);

  /// As retry_after, but a try let through (0) stays pending (see pending_tries) until
  /// record_failure or record_success ends it; meanwhile the pair's next try waits a second.
  std::int64_t start_try(std::string_view account, std::string_view address, unix_seconds now);

  /// Counts a failed try; returns news for the owner the first time a threshold is reached.
  throttle_news record_failure(std::string_view account, std::string_view address, unix_seconds now);

  /// A successful sign-in clears that pair's failures; the account's and the address's counts stay,
  /// so one good password does not reset guessing elsewhere.
  void record_success(std::string_view account, std::string_view address);

  /// Failures of `account` from any address within the window.
  int account_failures(std::string_view account, unix_seconds now);

private:
  class failure_log {
  public:
    failure_log(std::int64_t window_seconds, int keep, std::size_t max_keys);
    /// The key's failure times still inside the window, oldest first (empty if none).
    const std::deque<unix_seconds>& recent(const std::string& key, unix_seconds now);
    void add(const std::string& key, unix_seconds now);
    void forget(const std::string& key) { by_key_.erase(key); }

  private:
    void make_room(unix_seconds now);

    std::int64_t window_seconds_;
    std::size_t keep_;
    std::size_t max_keys_;
    std::unordered_map<std::string, std::deque<unix_seconds>> by_key_;
  };

  std::int64_t pair_wait(const std::deque<unix_seconds>& pair, bool under_attack, unix_seconds now) const;
  std::int64_t lock_wait(const std::deque<unix_seconds>& failures, int lock_after, unix_seconds now) const;

  std::int64_t wait_locked(std::string_view account, std::string_view address, unix_seconds now);

  sign_in_limits limits_;
  std::mutex mutex_;
  pending_tries pending_;  ///< by pair
  failure_log pairs_;
  failure_log addresses_;
  failure_log accounts_;
};

}  // namespace pedalpower::domain
