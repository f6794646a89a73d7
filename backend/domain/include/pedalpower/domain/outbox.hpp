#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/domain/listing.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// A message to one person, caused by one event.
struct outgoing_message {
  std::string event;            ///< unique per cause: at most one message per event and recipient
  std::string kind;             ///< one of message_kinds
  std::string recipient;        ///< the address
  std::string recipient_label;  ///< 'staff:12' or 'user:3'
  bool urgent = false;          ///< urgent mail does not wait for working hours
  nlohmann::json facts;         ///< what the message says, written into words when it is sent
};

/// A message as the outbox keeps it.
struct outbox_entry {
  std::int64_t id = 0;
  outgoing_message message;
  std::string message_id;  ///< the Message-ID header, the same on every attempt
  std::string status;      ///< pending, sent, failed, withdrawn
  int attempts = 0;
  unix_seconds next_attempt_at = 0;
  std::string last_error;
  unix_seconds created_at = 0;
  std::optional<unix_seconds> sent_at;
};

/// The entry as the API shows it.
void to_json(nlohmann::json& out, const outbox_entry& entry);

/// Adds `message` to the outbox in the caller's transaction, unless the same event already has a
/// message for that recipient. Returns whether it was added. Throws db::error.
bool queue_message(db::connection& db, unix_seconds now, const outgoing_message& message);

/// The working week, in the server's local time: non-urgent mail waits for it.
struct working_hours {
  int first_hour = 8;   ///< 08:00
  int end_hour = 18;    ///< until 18:00
  bool weekends = false;
};
bool within_working_hours(const working_hours& hours, unix_seconds at);

/// Pending messages due by `now`, oldest first; outside working hours only urgent ones.
std::vector<outbox_entry> due_messages(db::connection& db, unix_seconds now, const working_hours& hours, int limit);

/// Records that the relay accepted message `id`. Throws db::error.
void record_delivery(db::connection& db, std::int64_t id, unix_seconds now);

/// How long a message waits after a failed attempt: `first`, doubling each time up to `longest`;
/// after `max_attempts` it has failed.
struct retry_policy {
  unix_seconds first = 60;
  unix_seconds longest = 3600;
  int max_attempts = 20;
};

/// Records a failed attempt: a permanent refusal fails the message at once; otherwise it waits as
/// `policy` says. Throws db::error.
void record_failed_attempt(db::connection& db, std::int64_t id, unix_seconds now, const std::string& error,
                           bool permanent, const retry_policy& policy = {});

/// Every kind of message the scheme sends.
inline constexpr std::array<std::string_view, 10> message_kinds{
    "reservation_offered", "loan_due",         "loan_overdue",     "overdue_digest", "safety_fault",
    "service_due_soon",    "service_overdue",  "kiosk_exception",  "sign_in_throttled", "report_pack_ready"};

struct outbox_filter {
  std::optional<std::string> status;
  std::optional<std::string> kind;
};
/// The page `wanted` of the messages `filter` selects, newest first unless `wanted.sort` names one
/// of id, created_at, next_attempt_at, sent_at, status, kind or attempts.
outcome<list_page<outbox_entry>> list_outbox(db::connection& db, const outbox_filter& filter,
                                             const page_request& wanted);

/// One message with its bodies; not_found if there is none.
outcome<outbox_entry> find_outbox_entry(db::connection& db, std::int64_t id);

/// Sends a failed (or sent) message again as soon as possible. Audited. Throws db::error.
outcome<outbox_entry> resend_message(db::connection& db, const actor& who, unix_seconds now, std::int64_t id);

}  // namespace pedalpower::domain
