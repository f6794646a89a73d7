#include "pedalpower/api/auth/kiosk_staff_tokens.hpp"

#include <algorithm>

#include "pedalpower/core/secrets.hpp"

namespace pedalpower::api::auth {

kiosk_staff_tokens::kiosk_staff_tokens(std::int64_t idle_seconds, std::size_t max_per_kiosk)
    : idle_seconds_(idle_seconds), max_per_kiosk_(max_per_kiosk)
{
}

kiosk_staff_tokens::issued kiosk_staff_tokens::issue(std::int64_t kiosk_id, holder who, pedalpower::unix_seconds now)
{
  issued fresh{pedalpower::random_token(), now + idle_seconds_};
  std::lock_guard lock(mutex_);
  auto& held = by_kiosk_[kiosk_id];
  std::erase_if(held, [now](const identification& entry) { return now >= entry.expires_at; });
  if (held.size() >= max_per_kiosk_) {
    held.erase(std::min_element(held.begin(), held.end(),
                                [](const auto& a, const auto& b) { return a.expires_at < b.expires_at; }));
  }
  held.push_back({pedalpower::token_digest(fresh.token), std::move(who), fresh.expires_at});
  return fresh;
}

std::optional<kiosk_staff_tokens::holder> kiosk_staff_tokens::use(std::string_view token, std::int64_t kiosk_id,
                                                    pedalpower::unix_seconds now)
{
  const auto digest = pedalpower::token_digest(token);
  std::lock_guard lock(mutex_);
  const auto kiosk = by_kiosk_.find(kiosk_id);
  if (kiosk == by_kiosk_.end()) return std::nullopt;
  auto& held = kiosk->second;
  const auto found =
      std::find_if(held.begin(), held.end(), [&](const identification& entry) { return entry.token_digest == digest; });
  if (found == held.end()) return std::nullopt;
  if (now >= found->expires_at) {
    held.erase(found);
    return std::nullopt;
  }
  found->expires_at = now + idle_seconds_;
  return found->who;
}

void kiosk_staff_tokens::end(std::string_view token, std::int64_t kiosk_id)
{
  const auto digest = pedalpower::token_digest(token);
  std::lock_guard lock(mutex_);
  const auto kiosk = by_kiosk_.find(kiosk_id);
  if (kiosk == by_kiosk_.end()) return;
  std::erase_if(kiosk->second, [&](const identification& entry) { return entry.token_digest == digest; });
}

void kiosk_staff_tokens::forget_kiosk(std::int64_t kiosk_id)
{
  std::lock_guard lock(mutex_);
  by_kiosk_.erase(kiosk_id);
}

}  // namespace pedalpower::api::auth
