#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::kiosk {

using pedalpower::unix_seconds;

/// A state change taken at the kiosk, as it waits in (or has left) the journal.
struct journal_entry {
  std::int64_t seq = 0;             ///< replay order
  std::string idempotency_key;      ///< a UUID made when the action was journalled
  std::string kind;                 ///< checkout, return, waitlist_join, waitlist_leave
  nlohmann::json payload;           ///< what the backend is sent
  std::optional<std::int64_t> staff_id;
  std::string bike_tag;
  unix_seconds recorded_at = 0;
  bool confirmed_offline = false;   ///< the screen confirmed it before the backend had answered
  std::string state;                ///< pending, delivered, refused, withdrawn
  int attempts = 0;
  std::string last_error;
  std::optional<nlohmann::json> answer;  ///< the backend's reply body, once settled
  bool exception_reported = false;
  std::string staff_proof;  ///< the backend's proof of the identification that let the kiosk act for staff_id
};

struct new_action {
  std::string kind;
  nlohmann::json payload;
  std::optional<std::int64_t> staff_id;
  std::string bike_tag;
  bool confirmed_offline = false;
  std::string staff_proof;
};

/// A loan this kiosk made, as the backend confirmed it.
struct loan_lent_here {
  std::int64_t loan_id = 0;
  std::vector<std::string> accessories;  ///< handed out with the bike
};

struct journal_counts {
  int pending = 0;
  int exceptions = 0;             ///< refused after the screen had confirmed them
  int exceptions_unreported = 0;  ///< of those, not yet handed to the backend
};

/// The kiosk's durable, ordered record of every action it took. Rows are never deleted: a refused
/// replay stays as an exception until coordinators resolve it on the backend.
class journal {
public:
  /// Uses `database` (opened by open_kiosk_database) for the caller's thread.
  explicit journal(db::connection& database) : db_(database) {}

  /// Writes the action with a fresh idempotency key and commits it before returning. Throws db::error.
  journal_entry append(const new_action& action, unix_seconds now);

  /// The oldest pending action: the one replay must settle before any later one.
  std::optional<journal_entry> next_pending();
  std::optional<journal_entry> find(std::int64_t seq);
  /// Pending actions of `kind`, oldest first.
  std::vector<journal_entry> pending_of_kind(const std::string& kind);
  /// Pending checkouts whose bike has not been brought back since (no return of it journalled after).
  std::vector<journal_entry> pending_checkouts_still_out();
  /// Whether the latest journalled checkout of `bike_tag` is still waiting to be sent.
  bool lent_here_while_pending(const std::string& bike_tag);

  /// The loan of the latest checkout of `bike_tag` delivered from here, unless a return of that bike
  /// has been journalled since.
  std::optional<loan_lent_here> find_loan_lent_here(const std::string& bike_tag);
  /// The bike tag of a loan lent from here, by the backend's loan id.
  std::optional<std::string> bike_tag_of_loan(std::int64_t loan_id);

  void mark_delivered(std::int64_t seq, const nlohmann::json& answer, unix_seconds now);
  void mark_refused(std::int64_t seq, const nlohmann::json& answer, unix_seconds now);
  /// Takes a pending action out of the replay: the screen told the person it was not done.
  void mark_withdrawn(std::int64_t seq, const std::string& reason, unix_seconds now);
  void mark_confirmed_offline(std::int64_t seq);
  /// Keeps what the replay learnt for an action before sending it (a return's loan id), so that a
  /// resend after a lost answer is the same request.
  void update_payload(std::int64_t seq, const nlohmann::json& payload);
  void record_failed_attempt(std::int64_t seq, const std::string& error);

  /// Refused actions the screen had confirmed, that the backend has not yet been told of.
  std::vector<journal_entry> unreported_exceptions();
  void mark_exception_reported(std::int64_t seq);

  journal_counts counts();

private:
  template <typename Argument>
  std::vector<journal_entry> select(std::string_view where_clause_sql, const Argument& argument);
  void settle(std::int64_t seq, std::string_view state, const nlohmann::json& answer, unix_seconds now);

  db::connection& db_;
};

}  // namespace pedalpower::kiosk
