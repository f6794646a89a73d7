#include "pedalpower/domain/login_throttle.hpp"

#include <algorithm>

namespace pedalpower::domain {
namespace {

void drop_older_than(std::deque<unix_seconds>& times, unix_seconds cutoff)
{
  while (!times.empty() && times.front() <= cutoff) times.pop_front();
}

}  // namespace

login_throttle::login_throttle(throttle_limit per_account, throttle_limit per_address, std::size_t max_tracked_keys)
    : max_tracked_keys_(max_tracked_keys),
      pending_(max_tracked_keys),
      accounts_{per_account, {}},
      addresses_{per_address, {}}
{
}

std::int64_t login_throttle::retry_after(std::string_view account, std::string_view address, unix_seconds now)
{
  std::lock_guard lock(mutex_);
  return wait_locked(account, address, now);
}

std::int64_t login_throttle::start_try(std::string_view account, std::string_view address, unix_seconds now)
{
  std::lock_guard lock(mutex_);
  if (const auto wait = wait_locked(account, address, now)) return wait;
  return pending_.start(std::string(account), now) ? 0 : 1;
}

std::int64_t login_throttle::wait_locked(std::string_view account, std::string_view address, unix_seconds now)
{
  return std::max(wait_for(accounts_, std::string(account), now), wait_for(addresses_, std::string(address), now));
}

void login_throttle::record_failure(std::string_view account, std::string_view address, unix_seconds now)
{
  std::lock_guard lock(mutex_);
  pending_.end(std::string(account));
  add(accounts_, std::string(account), now);
  add(addresses_, std::string(address), now);
}

void login_throttle::record_success(std::string_view account)
{
  std::lock_guard lock(mutex_);
  pending_.end(std::string(account));
  accounts_.by_key.erase(std::string(account));
}

std::int64_t login_throttle::wait_for(window& counted, const std::string& key, unix_seconds now)
{
  const auto found = counted.by_key.find(key);
  if (found == counted.by_key.end()) return 0;
  auto& times = found->second;
  drop_older_than(times, now - counted.limit.window_seconds);
  if (std::ssize(times) < counted.limit.max_failures) return 0;
  // The oldest failure that still counts must leave the window before the key is under its limit.
  const auto blocking = times[times.size() - static_cast<std::size_t>(counted.limit.max_failures)];
  return blocking + counted.limit.window_seconds - now;
}

void login_throttle::add(window& counted, std::string key, unix_seconds now)
{
  if (counted.by_key.size() >= max_tracked_keys_ && !counted.by_key.contains(key)) make_room(counted, now);
  auto& times = counted.by_key[std::move(key)];
  times.push_back(now);
  // Only the latest max_failures matter for the decision.
  while (std::ssize(times) > counted.limit.max_failures) times.pop_front();
}

void login_throttle::make_room(window& counted, unix_seconds now)
{
  for (auto entry = counted.by_key.begin(); entry != counted.by_key.end();) {
    drop_older_than(entry->second, now - counted.limit.window_seconds);
    entry = entry->second.empty() ? counted.by_key.erase(entry) : std::next(entry);
  }
  if (counted.by_key.size() < max_tracked_keys_) return;
  // Still full of live keys: guesses are being sprayed across many names. Dropping the key that
  // failed least recently keeps memory bounded while an account under steady attack stays counted.
  const auto quietest = std::min_element(counted.by_key.begin(), counted.by_key.end(),
                                         [](const auto& a, const auto& b) { return a.second.back() < b.second.back(); });
  counted.by_key.erase(quietest);
}

}  // namespace pedalpower::domain
