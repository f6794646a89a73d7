#include "pedalpower/kiosk/kiosk_sessions.hpp"

#include "pedalpower/kiosk/uuid.hpp"

namespace pedalpower::kiosk {

std::string kiosk_sessions::start(kiosk_session session, unix_seconds now)
{
  live_.clear();
  session.last_used = now;
  auto id = random_uuid();
  live_.emplace(id, std::move(session));
  return id;
}

std::optional<kiosk_session> kiosk_sessions::use(const std::string& id, unix_seconds now)
{
  const auto found = live_.find(id);
  if (found == live_.end()) return std::nullopt;
  if (now - found->second.last_used > idle_seconds_) {
    live_.erase(found);
    return std::nullopt;
  }
  found->second.last_used = now;
  return found->second;
}

void kiosk_sessions::end(const std::string& id)
{
  live_.erase(id);
}

}  // namespace pedalpower::kiosk
