#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "pedalpower/api/response.hpp"
#include "pedalpower/kiosk/backend_gateway.hpp"
#include "pedalpower/kiosk/journal.hpp"
#include "pedalpower/kiosk/kiosk_sessions.hpp"
#include "pedalpower/kiosk/replay_worker.hpp"
#include "pedalpower/kiosk/saved_document.hpp"
#include "pedalpower/kiosk/site_snapshot.hpp"
#include "pedalpower/kiosk/staff_cache.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::kiosk {

struct service_settings {
  std::string site;  ///< the site's code or name, shown on the screen
  std::chrono::milliseconds answer_wait{8000};  ///< how long the screen waits for the backend's answer
};

/// What the touch screen can ask of the agent. Online it is a thin translation to the backend;
/// offline it decides by the offline rules. Every change is journalled, durably, before it is
/// confirmed. Not thread-safe: the local API calls it from one thread.
class kiosk_service {
public:
  kiosk_service(service_settings settings, db::connection& database, staff_cache& cache, backend_gateway& backend,
                replay_worker& replay, kiosk_sessions& sessions);

  /// {staff_number | badge_id, pin} -> {session, name, offline}.
  api::response identify(const nlohmann::json& body, unix_seconds now);
  api::response offer(const std::string& session_id, unix_seconds now);
  /// {bike_id, accessories[], terms_version} -> {due_at, loan?, offline}.
  api::response checkout(const std::string& session_id, const nlohmann::json& body, unix_seconds now);
  /// {loan_id?, bike_tag, condition{}, accessories_returned[], fault?} -> {ride, offline}. Taken with
  /// or without a session: returns are always accepted. `ride` is what the loan did (trips, km,
  /// CO2e) when the person identified is its borrower and the backend answered; null otherwise.
  api::response return_bike(const std::string& session_id, const nlohmann::json& body, unix_seconds now);
  /// The loan a bike brought back is on, and what was handed out with it: {loan_id, accessories},
  /// both null when neither this kiosk nor the backend knows.
  api::response loan_of_bike(const std::string& bike_tag);
  /// {action: "join" | "leave", entry_id?} -> the waiting-list entry.
  api::response waitlist(const std::string& session_id, const nlohmann::json& body, unix_seconds now);
  void end(const std::string& session_id) { sessions_.end(session_id); }
  /// {online, pending, exceptions, site}.
  api::response status();
  /// {fault_categories, accessory_kinds}, from the backend, or as it last gave them.
  api::response choices(unix_seconds now);

private:
  struct journalled_answer {
    settlement result;
    journal_entry entry;
  };

  kiosk_session require_session(const std::string& session_id, unix_seconds now);
  std::optional<kiosk_session> identify_online(const staff_identifier& who, const std::string& pin, unix_seconds now,
                                               api::response& refusal);
  nlohmann::json offline_offer_for(const kiosk_session& person, unix_seconds now);
  /// The backend's figures for the returned loan, if `person` is its borrower; else null.
  nlohmann::json ride_figures(const std::optional<kiosk_session>& person, const nlohmann::json& returned);
  /// Journals `action`, hands it to the replay and waits for the backend's answer while online.
  journalled_answer submit(new_action action, const kiosk_session* person, unix_seconds now);
  bool online() const { return replay_.status().online; }

  service_settings settings_;
  journal log_;
  staff_cache& cache_;
  site_snapshot snapshot_;
  /// The lists the screen chooses from (fault categories, accessory kinds) as the backend last gave
  /// them, so that a kiosk that has been online once offers the same choices offline.
  saved_document choices_;
  backend_gateway& backend_;
  replay_worker& replay_;
  kiosk_sessions& sessions_;
};

}  // namespace pedalpower::kiosk
