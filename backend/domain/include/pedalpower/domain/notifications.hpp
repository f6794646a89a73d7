#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/faults.hpp"
#include "pedalpower/domain/kiosk_exceptions.hpp"
#include "pedalpower/domain/outbox.hpp"
#include "pedalpower/domain/reservations.hpp"
#include "pedalpower/db/fwd.hpp"

// Each event queues its messages in the transaction that records it, so an event is never told
// without having happened, nor happens without being told. People without an address get nothing.
namespace pedalpower::domain {

/// Tells the staff member which site holds a bike for them, and until when.
void notify_reservation_offered(db::connection& db, unix_seconds now, const reservation& held);

/// Tells the technicians of the bike's site (and those serving every site) of a safety fault.
void notify_safety_fault(db::connection& db, unix_seconds now, const fault_report& report);

/// Tells the coordinators that a kiosk filed an exception to resolve.
void notify_kiosk_exception(db::connection& db, unix_seconds now, const kiosk_exception& filed);

/// Tells the owner of an account that sign-ins to it were slowed or locked (`reason`) after wrong
/// passwords from `address`: once per account, reason and address in each quarter of an hour.
void notify_sign_in_throttled(db::connection& db, unix_seconds now, std::int64_t user_id, std::string_view reason,
                              std::string_view address, int failures);

/// Tells each active report author with an address, once per month, that the report pack of
/// `month` is ready to download at `link` (behind sign-in: the message carries no figures).
void notify_report_pack_ready(db::connection& db, unix_seconds now, const std::string& month, const std::string& link);

/// Tells borrowers whose loan is due within `days_before_due` days (unless they turned reminders
/// off) and those overdue, once per loan and due date, and sends the coordinators one digest of
/// overdue loans a day. Safe to run as often as wanted. Returns how many messages it queued.
int queue_loan_reminders(db::connection& db, unix_seconds now, int days_before_due);

/// Withdraws the reminders of loan `loan_id` not yet sent (waiting or failed): once the loan is
/// renewed, returned or lost they no longer hold. Each is audited as withdrawn by `who`, whose change
/// ended it. Inside the caller's transaction.
void withdraw_loan_reminders(db::connection& db, const actor& who, unix_seconds now, std::int64_t loan_id);

/// Whether `message` still says something true: a loan's reminder only while its loan is active with
/// the due date it names; any other message always.
bool loan_reminder_holds(db::connection& db, const outgoing_message& message);

/// Tells the technicians of each bike's site (and those serving every site) when one of its services
/// falls due soon and again when it is overdue, once per service count: doing the service starts a
/// new count. Safe to run as often as wanted. Returns how many messages it queued.
int queue_service_reminders(db::connection& db, unix_seconds now);

/// Whether a staff member gets loan reminders. not_found for an unknown id.
outcome<bool> email_reminders_of(db::connection& db, std::int64_t staff_id);

/// Turns a staff member's loan reminders on or off. Audited. not_found for an unknown id.
outcome<done> set_email_reminders(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                                  bool enabled);

/// A message in words, as the mailer sends it.
struct written_message {
  std::string subject;
  std::string text;
  std::string html;
};

/// Writes the message for `entry` from its facts, signed with the scheme's name.
written_message write_message(const outbox_entry& entry, std::string_view scheme_name);

}  // namespace pedalpower::domain
