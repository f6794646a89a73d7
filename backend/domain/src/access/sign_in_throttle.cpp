#include "pedalpower/domain/sign_in_throttle.hpp"

#include <algorithm>
#include <cstddef>
#include <iterator>

namespace pedalpower::domain {
namespace {

std::string pair_key(std::string_view account, std::string_view address)
{
  std::string key(account);
  key += '\n';  // no username or address holds a line break
  key += address;
  return key;
}

}  // namespace

sign_in_throttle::failure_log::failure_log(std::int64_t window_seconds, int keep, std::size_t max_keys)
    : window_seconds_(window_seconds), keep_(static_cast<std::size_t>(std::max(keep, 0)) + 1), max_keys_(max_keys)
{
}

const std::deque<unix_seconds>& sign_in_throttle::failure_log::recent(const std::string& key, unix_seconds now)
{
  static const std::deque<unix_seconds> none;
  const auto found = by_key_.find(key);
  if (found == by_key_.end()) return none;
  auto& times = found->second;
  while (!times.empty() && times.front() <= now - window_seconds_) times.pop_front();
  return times;
}

void sign_in_throttle::failure_log::add(const std::string& key, unix_seconds now)
{
  if (by_key_.size() >= max_keys_ && !by_key_.contains(key)) make_room(now);
  auto& times = by_key_[key];
  times.push_back(now);
  // Only the latest `keep_` matter: one past a threshold shows it was crossed before.
  while (times.size() > keep_) times.pop_front();
}

void sign_in_throttle::failure_log::make_room(unix_seconds now)
{
  for (auto entry = by_key_.begin(); entry != by_key_.end();) {
    auto& times = entry->second;
    while (!times.empty() && times.front() <= now - window_seconds_) times.pop_front();
    entry = times.empty() ? by_key_.erase(entry) : std::next(entry);
  }
  if (by_key_.size() < max_keys_) return;
  // Still full of live keys: guesses are being sprayed across many names. Dropping the key that
  // failed least recently keeps memory bounded while a key under steady attack stays counted.
  const auto quietest = std::min_element(by_key_.begin(), by_key_.end(),
                                         [](const auto& a, const auto& b) { return a.second.back() < b.second.back(); });
  by_key_.erase(quietest);
}

sign_in_throttle::sign_in_throttle(sign_in_limits limits, std::size_t max_tracked_keys)
    : limits_(limits),
      pending_(max_tracked_keys),
      pairs_(limits.window_seconds, limits.pair_lock_after, max_tracked_keys),
      addresses_(limits.window_seconds, limits.address_lock_after, max_tracked_keys),
      accounts_(limits.window_seconds, limits.account_attack_after, max_tracked_keys)
{
}

std::int64_t sign_in_throttle::lock_wait(const std::deque<unix_seconds>& failures, int lock_after,
                                         unix_seconds now) const
{
  if (std::ssize(failures) < lock_after) return 0;
  // The oldest failure that still counts must leave the window before the key is under its limit.
  const auto blocking = failures[failures.size() - static_cast<std::size_t>(lock_after)];
  return blocking + limits_.window_seconds - now;
}

std::int64_t sign_in_throttle::pair_wait(const std::deque<unix_seconds>& pair, bool under_attack,
                                         unix_seconds now) const
{
  if (const auto locked = lock_wait(pair, limits_.pair_lock_after, now)) return locked;
  const auto free_tries = under_attack ? 0 : limits_.free_failures;
  const auto beyond = std::ssize(pair) - free_tries;
  if (beyond <= 0) return 0;
  const auto delay = limits_.first_delay_seconds << std::min<std::ptrdiff_t>(beyond - 1, 20);
  return std::max<std::int64_t>(pair.back() + std::min(delay, limits_.window_seconds) - now, 0);
}

std::int64_t sign_in_throttle::retry_after(std::string_view account, std::string_view address, unix_seconds now)
{
  std::lock_guard lock(mutex_);
  return wait_locked(account, address, now);
}

std::int64_t sign_in_throttle::start_try(std::string_view account, std::string_view address, unix_seconds now)
{
  std::lock_guard lock(mutex_);
  if (const auto wait = wait_locked(account, address, now)) return wait;
  return pending_.start(pair_key(account, address), now) ? 0 : 1;
}

std::int64_t sign_in_throttle::wait_locked(std::string_view account, std::string_view address, unix_seconds now)
{
  const bool under_attack = std::ssize(accounts_.recent(std::string(account), now)) >= limits_.account_attack_after;
  const auto by_pair = pair_wait(pairs_.recent(pair_key(account, address), now), under_attack, now);
  const auto by_address = lock_wait(addresses_.recent(std::string(address), now), limits_.address_lock_after, now);
  return std::max(by_pair, by_address);
}

throttle_news sign_in_throttle::record_failure(std::string_view account, std::string_view address, unix_seconds now)
{
  std::lock_guard lock(mutex_);
  const auto pair = pair_key(account, address);
  const auto account_key = std::string(account);
  pending_.end(pair);
  pairs_.add(pair, now);
  addresses_.add(std::string(address), now);
  accounts_.add(account_key, now);
  if (std::ssize(pairs_.recent(pair, now)) == limits_.pair_lock_after) return throttle_news::pair_locked;
  if (std::ssize(accounts_.recent(account_key, now)) == limits_.account_attack_after) {
    return throttle_news::account_under_attack;
  }
  return throttle_news::none;
}

void sign_in_throttle::record_success(std::string_view account, std::string_view address)
{
  std::lock_guard lock(mutex_);
  const auto pair = pair_key(account, address);
  pending_.end(pair);
  pairs_.forget(pair);
}

int sign_in_throttle::account_failures(std::string_view account, unix_seconds now)
{
  std::lock_guard lock(mutex_);
  return static_cast<int>(accounts_.recent(std::string(account), now).size());
}

}  // namespace pedalpower::domain
