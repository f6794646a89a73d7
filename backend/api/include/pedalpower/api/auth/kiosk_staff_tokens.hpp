#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pedalpower/core/clock.hpp"

namespace pedalpower::api::auth {

/// Who is acting at each kiosk: after a staff member identifies, the kiosk holds a short-lived token
/// naming them, which each later request presents and each use extends. A kiosk may hold a few at
/// once (requests it queued for one person can still be sent after the next person identifies);
/// beyond that the one closest to expiry goes. Kept in memory only: after a restart staff simply
/// identify again. Thread-safe.
class kiosk_staff_tokens {
public:
  kiosk_staff_tokens(std::int64_t idle_seconds, std::size_t max_per_kiosk);

  struct issued {
    std::string token;
    pedalpower::unix_seconds expires_at;
  };

  /// Who a token names, and what they proved: "pin" or "badge".
  struct holder {
    std::int64_t staff_id;
    std::string checked;
  };

  issued issue(std::int64_t kiosk_id, holder who, pedalpower::unix_seconds now);

  /// Whom `token` names at this kiosk, extending its life; nullopt if it is unknown, expired or was
  /// issued to another kiosk.
  std::optional<holder> use(std::string_view token, std::int64_t kiosk_id, pedalpower::unix_seconds now);

  /// Ends one identification (the staff member signs out at the kiosk).
  void end(std::string_view token, std::int64_t kiosk_id);

  /// Ends every identification at the kiosk (it was deactivated or given a new device token).
  void forget_kiosk(std::int64_t kiosk_id);

  std::int64_t idle_seconds() const noexcept { return idle_seconds_; }

private:
  struct identification {
    std::string token_digest;
    holder who;
    pedalpower::unix_seconds expires_at;
  };

  std::int64_t idle_seconds_;
  std::size_t max_per_kiosk_;
  std::mutex mutex_;
  std::unordered_map<std::int64_t, std::vector<identification>> by_kiosk_;
};

}  // namespace pedalpower::api::auth
