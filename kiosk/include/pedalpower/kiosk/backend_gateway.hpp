#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "pedalpower/kiosk/backend_client.hpp"
#include "pedalpower/kiosk/backend_link.hpp"
#include "pedalpower/kiosk/staff_cache.hpp"

namespace pedalpower::kiosk {

/// The backend's kiosk-facing routes, called with the device token. Every call answers a
/// backend_reply; network trouble is `unreachable`, never an exception. Thread-safe.
class backend_gateway : public backend_link {
public:
  backend_gateway(backend_client client, std::string device_token);

  /// Checks a badge or staff number and PIN: the staff member and a short-lived staff token.
  backend_reply identify(const staff_identifier& who, std::string_view pin);
  /// Everything the checkout screen shows this person at the kiosk's site.
  backend_reply offer(const std::string& staff_token);
  /// What one loan did (trips, km, CO2e): answered only for the loan's own borrower, identified here.
  backend_reply loan_figures(const std::string& staff_token, std::int64_t loan_id);
  /// True when the backend answers its liveness check.
  bool reachable();

  /// Lets the interactive attempt at `idempotency_key` act for the person standing at the kiosk.
  void attach_staff_token(const std::string& idempotency_key, std::string staff_token);

  backend_reply deliver(const journal_entry& entry) override;
  backend_reply find_active_loan(const std::string& bike_tag) override;
  backend_reply report_exception(const journal_entry& entry) override;
  /// The lists the screen chooses from (fault categories, accessory kinds).
  backend_reply choices();

private:
  /// Who an action is for: the live identification's token, and the proof of the identification
  /// the kiosk checked the PIN against, for when the token has lapsed (an offline action replayed).
  struct staff_credentials {
    std::string token;
    std::string proof;
  };

  backend_reply call(const std::string& method, const std::string& target, const nlohmann::json& body,
                     const std::string& idempotency_key = {}, const staff_credentials& staff = {});
  std::string take_staff_token(const std::string& idempotency_key);

  backend_client client_;
  std::string device_token_;
  std::mutex tokens_mutex_;
  std::unordered_map<std::string, std::string> staff_tokens_;
};

}  // namespace pedalpower::kiosk
