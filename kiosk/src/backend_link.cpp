#include "pedalpower/kiosk/backend_link.hpp"

namespace pedalpower::kiosk {

backend_reply::verdict verdict_for_status(unsigned status)
{
  if (status >= 200 && status < 300) return backend_reply::verdict::accepted;
  // Credentials, rate limits and server trouble pass with time or an operator; the action must wait.
  if (status == 401 || status == 403 || status == 408 || status == 429 || status >= 500) {
    return backend_reply::verdict::unreachable;
  }
  return backend_reply::verdict::refused;
}

}  // namespace pedalpower::kiosk
