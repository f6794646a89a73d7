#pragma once

#include <chrono>
#include <functional>
#include <optional>

#include "pedalpower/kiosk/backend_link.hpp"
#include "pedalpower/kiosk/backoff.hpp"
#include "pedalpower/kiosk/journal.hpp"

namespace pedalpower::kiosk {

/// What one replay step did.
struct replay_step {
  enum class result { idle, delivered, refused, unreachable };
  result outcome = result::idle;
  std::optional<journal_entry> entry;    ///< the action it tried, as the journal now holds it
  std::chrono::milliseconds retry_after{0};  ///< for `unreachable`: how long to wait before the next try
};

/// Replays the journal to the backend strictly in order. A network failure retries the same action
/// after a growing, jittered wait; a refusal settles the action as refused (kept, and reported to
/// coordinators when the screen had confirmed it) and replay moves on. Restarting at any point is
/// safe: an action is resent with the same idempotency key until its answer is recorded. A return
/// journalled without its loan has the loan looked up once and kept in the journal before it is
/// first sent, so a resend after a lost answer is the same request, never a second lookup that
/// finds the loan already closed.
class replayer {
public:
  /// `unit_random` gives numbers in [0, 1) for the jitter.
  replayer(journal& log, backend_link& backend, backoff_policy policy, std::function<double()> unit_random);

  /// Sends the oldest pending action once and records what came of it.
  replay_step step(unix_seconds now);

  /// Hands refused-after-confirmation actions to the backend; returns how many it took. Stops at the
  /// first one the backend cannot take now.
  int report_exceptions();

  /// Forgets earlier failures, e.g. once the backend answers a health check again.
  void reset_backoff() noexcept { failures_ = 0; }
  int consecutive_failures() const noexcept { return failures_; }

private:
  backend_reply name_the_loan(journal_entry& entry);

  journal& log_;
  backend_link& backend_;
  backoff_policy policy_;
  std::function<double()> unit_random_;
  int failures_ = 0;
};

}  // namespace pedalpower::kiosk
