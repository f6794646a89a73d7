#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "pedalpower/kiosk/journal.hpp"

namespace pedalpower::kiosk {

/// What came of one call to the backend.
struct backend_reply {
  enum class verdict {
    accepted,     ///< 2xx: done (or done before, for a repeated idempotency key)
    refused,      ///< the backend answered no for good (a 4xx other than auth and rate limits)
    unreachable,  ///< no answer, a timeout, a 5xx or an auth failure: worth retrying later
  };
  verdict result = verdict::unreachable;
  unsigned status = 0;
  nlohmann::json body;  ///< the reply's JSON, or null
  std::string detail;   ///< why it was unreachable, for the log and the status screen

  bool accepted() const noexcept { return result == verdict::accepted; }
  bool refused() const noexcept { return result == verdict::refused; }
  bool unreachable() const noexcept { return result == verdict::unreachable; }
};

/// Sorts an HTTP status into a verdict: what replay retries and what it settles.
backend_reply::verdict verdict_for_status(unsigned status);

/// The backend as the replay sees it: journalled actions go out with their idempotency key.
class backend_link {
public:
  virtual ~backend_link() = default;
  /// Sends one journalled action; a return must name its loan. Never throws for network trouble:
  /// that is `unreachable`.
  virtual backend_reply deliver(const journal_entry& entry) = 0;
  /// The active loan of the bike with this tag: accepted with a body holding its `id`, or refused
  /// (404 no_active_loan) when it is on none.
  virtual backend_reply find_active_loan(const std::string& bike_tag) = 0;
  /// Records, for coordinators, an action the backend refused after the kiosk had confirmed it.
  virtual backend_reply report_exception(const journal_entry& entry) = 0;
};

}  // namespace pedalpower::kiosk
