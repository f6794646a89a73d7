#include "pedalpower/domain/pending_tries.hpp"

#include <iterator>

namespace pedalpower::domain {

bool pending_tries::start(const std::string& key, unix_seconds now)
{
  const auto expired = [now](const auto& entry) { return entry.second <= now - hold_seconds; };
  if (const auto found = started_.find(key); found != started_.end() && !expired(*found)) return false;
  if (started_.size() >= max_keys_) {
    std::erase_if(started_, expired);
    if (started_.size() >= max_keys_) return false;  // a burst across that many keys waits its turn
  }
  started_[key] = now;
  return true;
}

}  // namespace pedalpower::domain
