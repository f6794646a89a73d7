#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/kiosk/staff_cache.hpp"

namespace pedalpower::kiosk {

/// The person at the screen, from identification until the screen resets.
struct kiosk_session {
  std::int64_t staff_id = 0;
  std::string name;
  std::string staff_number;
  std::optional<std::string> badge_id;
  std::string staff_token;  ///< from the backend; empty when identified offline
  std::string offline_proof;  ///< the backend's proof of a PIN identification here, for replays
  bool offline = false;
  unix_seconds last_used = 0;
};

/// Sessions in memory only: a restart or an idle minute forgets the person.
class kiosk_sessions {
public:
  explicit kiosk_sessions(std::int64_t idle_seconds) : idle_seconds_(idle_seconds) {}

  /// Starts a session and returns its random id, ending any other: one person at a time.
  std::string start(kiosk_session session, unix_seconds now);
  /// The live session with this id, marked as used now.
  std::optional<kiosk_session> use(const std::string& id, unix_seconds now);
  void end(const std::string& id);

private:
  std::int64_t idle_seconds_;
  std::unordered_map<std::string, kiosk_session> live_;
};

}  // namespace pedalpower::kiosk
