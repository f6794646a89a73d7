#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>

#include "loan_scheme_fixture.hpp"
#include "outcome_refusal.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/faults.hpp"
#include "pedalpower/domain/kiosk_exceptions.hpp"
#include "pedalpower/domain/loans.hpp"
#include "pedalpower/domain/notifications.hpp"
#include "pedalpower/domain/outbox.hpp"
#include "pedalpower/domain/reservations.hpp"
#include "pedalpower/domain/servicing.hpp"
#include "pedalpower/domain/waitlist.hpp"
#include "time_zone.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

std::int64_t add_user(loan_scheme& scheme, const std::string& name, const std::string& role, const std::string& email,
                      std::optional<std::int64_t> site_id = std::nullopt)
{
  scheme.db().run("INSERT INTO users(username, display_name, role, password_hash, created_at, email, site_id) "
                  "VALUES (?1, ?1, ?2, 'x', ?3, ?4, ?5)",
                  name, role, loan_scheme::now, email, site_id);
  return scheme.db().last_insert_rowid();
}

void give_email(loan_scheme& scheme, std::int64_t staff_id)
{
  scheme.db().run("UPDATE staff SET email = 'person' || id || '@example.nhs.uk' WHERE id = ?1", staff_id);
}

std::vector<outbox_entry> outbox(loan_scheme& scheme)
{
  page_request wanted;
  wanted.page_size = max_page_size;
  return list_outbox(scheme.db(), {}, wanted)->items;
}

std::vector<std::string> recipients_of(loan_scheme& scheme, const std::string& kind)
{
  std::vector<std::string> found;
  for (const auto& entry : outbox(scheme)) {
    if (entry.message.kind == kind) found.push_back(entry.message.recipient);
  }
  std::sort(found.begin(), found.end());
  return found;
}

constexpr unix_seconds monday_9am = loan_scheme::now;  // 2025-03-10 09:00 UTC
constexpr unix_seconds monday_9pm = monday_9am + 12 * 3600;

}  // namespace

TEST_CASE("an event queues at most one message per recipient however often it is told")
{
  loan_scheme scheme;
  const outgoing_message message{"loan_due:7:100", "loan_due", "a@example.nhs.uk", "staff:1", false, {{"name", "A"}}};
  CHECK(queue_message(scheme.db(), monday_9am, message));
  CHECK_FALSE(queue_message(scheme.db(), monday_9am + 60, message));
  auto to_another = message;
  to_another.recipient = "b@example.nhs.uk";
  CHECK(queue_message(scheme.db(), monday_9am, to_another));
  const auto queued = outbox(scheme);
  REQUIRE(queued.size() == 2);
  CHECK(queued[0].message_id != queued[1].message_id);
  CHECK(queued[0].message_id.starts_with("<"));
  CHECK(queued[0].message_id.ends_with("@example.nhs.uk>"));
}

TEST_CASE("outside working hours only urgent messages are due")
{
  loan_scheme scheme;
  queue_message(scheme.db(), monday_9am, {"e1", "loan_due", "a@example.nhs.uk", "staff:1", false, {}});
  queue_message(scheme.db(), monday_9am, {"e2", "safety_fault", "t@example.nhs.uk", "user:1", true, {}});
  const working_hours hours;
  CHECK(due_messages(scheme.db(), monday_9am, hours, 10).size() == 2);
  const auto evening = due_messages(scheme.db(), monday_9pm, hours, 10);
  REQUIRE(evening.size() == 1);
  CHECK(evening[0].message.kind == "safety_fault");
  const unix_seconds saturday_noon = monday_9am + 5 * loan_scheme::day + 3 * 3600;
  CHECK(due_messages(scheme.db(), saturday_noon, hours, 10).size() == 1);
  CHECK(due_messages(scheme.db(), saturday_noon, {8, 18, true}, 10).size() == 2);
}

TEST_CASE("a failed attempt waits longer each time, a refusal fails at once, and resend queues again")
{
  loan_scheme scheme;
  queue_message(scheme.db(), monday_9am, {"e1", "safety_fault", "a@example.nhs.uk", "staff:1", false, {}});
  queue_message(scheme.db(), monday_9am, {"e2", "safety_fault", "b@example.nhs.uk", "staff:2", false, {}});
  auto due = due_messages(scheme.db(), monday_9am, {}, 10);
  REQUIRE(due.size() == 2);
  const auto first = due[0].id;
  const auto second = due[1].id;

  record_failed_attempt(scheme.db(), first, monday_9am, "connection refused", false, {60, 3600, 3});
  CHECK(find_outbox_entry(scheme.db(), first)->next_attempt_at == monday_9am + 60);
  record_failed_attempt(scheme.db(), first, monday_9am + 60, "connection refused", false, {60, 3600, 3});
  CHECK(find_outbox_entry(scheme.db(), first)->next_attempt_at == monday_9am + 60 + 120);
  CHECK(find_outbox_entry(scheme.db(), first)->status == "pending");
  record_failed_attempt(scheme.db(), first, monday_9am + 180, "connection refused", false, {60, 3600, 3});
  CHECK(find_outbox_entry(scheme.db(), first)->status == "failed");
  CHECK(find_outbox_entry(scheme.db(), first)->attempts == 3);

  record_failed_attempt(scheme.db(), second, monday_9am, "relay answered 550: no such user", true);
  const auto refused = find_outbox_entry(scheme.db(), second);
  CHECK(refused->status == "failed");
  CHECK(refused->last_error == "relay answered 550: no such user");

  const auto again = resend_message(scheme.db(), scheme.coordinator, monday_9am + 300, second);
  REQUIRE(again);
  CHECK(again->status == "pending");
  CHECK(again->message_id == refused->message_id);
  CHECK(due_messages(scheme.db(), monday_9am + 300, {}, 10).size() == 1);
  CHECK(resend_message(scheme.db(), scheme.coordinator, monday_9am + 300, second).error().code == "message_pending");
  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE action = 'resend'") == 1);

  record_delivery(scheme.db(), second, monday_9am + 301);
  CHECK(find_outbox_entry(scheme.db(), second)->status == "sent");
  CHECK(due_messages(scheme.db(), monday_9am + 400, {}, 10).empty());
}

TEST_CASE("a bike offered from the waiting list tells the person which site holds it and until when")
{
  loan_scheme scheme;
  const auto porter = scheme.add_staff("2");
  give_email(scheme, porter);
  const auto without_email = scheme.add_staff("2");
  REQUIRE(join_waitlist(scheme.db(), scheme.coordinator, monday_9am, porter, scheme.site_a));
  REQUIRE(join_waitlist(scheme.db(), scheme.coordinator, monday_9am + 1, without_email, scheme.site_a));
  scheme.add_bike(scheme.site_a);
  scheme.add_bike(scheme.site_a);
  const auto held = offer_free_bikes(scheme.db(), scheme.coordinator, monday_9am, scheme.site_a);
  REQUIRE(held.size() == 2);

  const auto queued = outbox(scheme);
  REQUIRE(queued.size() == 1);
  const auto& offer = queued[0];
  CHECK(offer.message.kind == "reservation_offered");
  CHECK(offer.message.recipient == "person" + std::to_string(porter) + "@example.nhs.uk");
  CHECK(offer.message.urgent);
  const auto words = write_message(offer, "Essex Pedal Power");
  CHECK(words.subject == "Essex Pedal Power: a bike is held for you at BAS hospital");
  CHECK(words.text.find("held for you at BAS hospital until 11 Mar 2025 at 09:00 UTC") != std::string::npos);
  CHECK(words.html.find("<p>Hello Person ") != std::string::npos);
}

TEST_CASE("a safety fault tells the technicians of its site and of every site, and no one else")
{
  loan_scheme scheme;
  add_user(scheme, "tech.a", "technician", "a@example.nhs.uk", scheme.site_a);
  add_user(scheme, "tech.b", "technician", "b@example.nhs.uk", scheme.site_b);
  add_user(scheme, "tech.all", "technician", "all@example.nhs.uk");
  add_user(scheme, "tech.nomail", "technician", "", scheme.site_a);
  add_user(scheme, "coord", "coordinator", "coord@example.nhs.uk");
  const auto bike = scheme.add_bike(scheme.site_a);

  REQUIRE(scheme.report_fault(bike, {"gears", "slipping", false}, monday_9am));
  CHECK(outbox(scheme).empty());
  const auto fault = scheme.report_fault(bike, {"brakes", "rear brake <fails>", false}, monday_9am);
  REQUIRE(fault);
  CHECK(recipients_of(scheme, "safety_fault") == std::vector<std::string>{"a@example.nhs.uk", "all@example.nhs.uk"});
  const auto words = write_message(outbox(scheme)[0], "Pedal Power");
  CHECK(words.text.find("rear brake <fails>") != std::string::npos);
  CHECK(words.html.find("rear brake &lt;fails&gt;") != std::string::npos);
}

TEST_CASE("a kiosk exception tells every coordinator with an address")
{
  loan_scheme scheme;
  add_user(scheme, "coord.one", "coordinator", "one@example.nhs.uk");
  add_user(scheme, "coord.two", "coordinator", "two@example.nhs.uk");
  add_user(scheme, "reporter", "reporter", "r@example.nhs.uk");
  scheme.db().run("INSERT INTO devices(name, role, site_id, token_hash, created_at) VALUES ('kiosk-bas', 'kiosk', ?1, 'h', ?2)",
                  scheme.site_a, monday_9am);
  const auto device = scheme.db().last_insert_rowid();
  kiosk_exception_report report;
  report.idempotency_key = "k-1";
  report.kind = "return";
  report.bike_tag = "EB-1001";
  report.recorded_at = monday_9am - 60;
  report.refusal = {{"error", {{"code", "no_active_loan"}, {"message", "this bike is not on loan"}}}};
  REQUIRE(record_kiosk_exception(scheme.db(), scheme.coordinator, monday_9am, device, report));
  REQUIRE(record_kiosk_exception(scheme.db(), scheme.coordinator, monday_9am + 5, device, report));
  CHECK(recipients_of(scheme, "kiosk_exception") == std::vector<std::string>{"one@example.nhs.uk", "two@example.nhs.uk"});
  const auto words = write_message(outbox(scheme)[0], "Pedal Power");
  CHECK(words.text.find("kiosk-bas took a return of EB-1001") != std::string::npos);
  CHECK(words.text.find("this bike is not on loan") != std::string::npos);
}

TEST_CASE("loan reminders go once per due date, respect turning them off, and coordinators get one digest a day")
{
  loan_scheme scheme;
  add_user(scheme, "coord", "coordinator", "coord@example.nhs.uk");
  const auto soon = scheme.add_staff("3");
  const auto quiet = scheme.add_staff("3");
  const auto late = scheme.add_staff("3");
  const auto later = scheme.add_staff("3");
  for (const auto person : {soon, quiet, late, later}) give_email(scheme, person);
  REQUIRE(set_email_reminders(scheme.db(), scheme.coordinator, monday_9am, quiet, false));
  CHECK(set_email_reminders(scheme.db(), scheme.coordinator, monday_9am, 9999, false).error().code == "staff_not_found");
  const auto lend = [&](std::int64_t person, unix_seconds due_at) {
    const auto loan = loan_service::check_out(scheme.db(), scheme.coordinator, monday_9am - 30 * loan_scheme::day,
                                scheme.checkout_of(person, scheme.add_bike(scheme.site_a)));
    REQUIRE(loan);
    scheme.db().run("UPDATE loans SET due_at = ?2 WHERE id = ?1", loan->id, due_at);
  };
  lend(soon, monday_9am + 2 * loan_scheme::day);
  lend(quiet, monday_9am + 2 * loan_scheme::day);
  lend(late, monday_9am - loan_scheme::day);
  lend(later, monday_9am + 10 * loan_scheme::day);

  CHECK(queue_loan_reminders(scheme.db(), monday_9am, 3) == 3);
  CHECK(queue_loan_reminders(scheme.db(), monday_9am + 3600, 3) == 0);
  CHECK(recipients_of(scheme, "loan_due") ==
        std::vector<std::string>{"person" + std::to_string(soon) + "@example.nhs.uk"});
  CHECK(recipients_of(scheme, "loan_overdue") ==
        std::vector<std::string>{"person" + std::to_string(late) + "@example.nhs.uk"});
  CHECK(recipients_of(scheme, "overdue_digest") == std::vector<std::string>{"coord@example.nhs.uk"});
  for (const auto& entry : outbox(scheme)) {
    if (entry.message.kind != "overdue_digest") continue;
    const auto words = write_message(entry, "Pedal Power");
    CHECK(words.subject == "Pedal Power: 1 overdue loan on 10 Mar 2025");
    CHECK(words.html.find("<th scope=\"col\">Staff number</th>") != std::string::npos);
  }
  // A reminder writes its times as people read them, in the server's zone, named.
  const time_zone london(uk_time);
  for (const auto& entry : outbox(scheme)) {
    if (entry.message.kind != "loan_due") continue;
    const auto words = write_message(entry, "Pedal Power");
    CHECK(words.subject == "Pedal Power: your bike is due back on 12 Mar 2025");
    CHECK(words.text.find("by 12 Mar 2025 at 09:00 GMT.") != std::string::npos);
  }
  // The next day brings a new digest, and a renewed loan a new reminder.
  CHECK(queue_loan_reminders(scheme.db(), monday_9am + loan_scheme::day, 3) == 1);
}

TEST_CASE("a loan's reminders not yet sent are withdrawn when it is renewed, returned or lost, and never sent again")
{
  loan_scheme scheme;
  std::vector<std::int64_t> loans;
  for (int i = 0; i < 4; ++i) {
    const auto person = scheme.add_staff("3");
    give_email(scheme, person);
    const auto loan = loan_service::check_out(scheme.db(), scheme.coordinator, monday_9am - 30 * loan_scheme::day,
                                              scheme.checkout_of(person, scheme.add_bike(scheme.site_a)));
    REQUIRE(loan);
    loans.push_back(loan->id);
  }
  const auto [renewed, returned, lost, untouched] = std::array{loans[0], loans[1], loans[2], loans[3]};
  scheme.db().run("UPDATE loans SET due_at = ?1", monday_9am - loan_scheme::day);
  REQUIRE(queue_loan_reminders(scheme.db(), monday_9am, 3) == 4);
  const auto status_of = [&](std::int64_t loan) {
    return scheme.text(
        "SELECT status FROM outbox WHERE kind = 'loan_overdue' AND event LIKE 'loan_overdue:' || ?1 || ':%'", loan);
  };
  // One of them failed to go; it is withdrawn all the same, so nobody sends it again by hand.
  const auto failed =
      scheme.number("SELECT id FROM outbox WHERE event LIKE 'loan_overdue:" + std::to_string(returned) + ":%'");
  record_failed_attempt(scheme.db(), failed, monday_9am, "550 no such mailbox", true);
  REQUIRE(status_of(returned) == "failed");

  REQUIRE(loan_service::renew(scheme.db(), scheme.coordinator, monday_9am + 60, renewed));
  REQUIRE(loan_service::return_bike(scheme.db(), scheme.coordinator, monday_9am + 60, scheme.return_of(returned)));
  REQUIRE(loan_service::mark_lost(scheme.db(), scheme.coordinator, monday_9am + 60, lost, "stolen from the shed"));
  CHECK(status_of(renewed) == "withdrawn");
  CHECK(status_of(returned) == "withdrawn");
  CHECK(status_of(lost) == "withdrawn");
  CHECK(status_of(untouched) == "pending");
  // Each withdrawal is in the audit log, by whoever's change ended the loan's reminders, with the
  // status it had.
  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE action = 'withdraw' AND entity = 'outbox' AND at = " +
                      std::to_string(monday_9am + 60) + " AND actor = '" + scheme.coordinator.label +
                      "' AND after = '{\"status\":\"withdrawn\"}'") == 3);
  CHECK(scheme.text("SELECT before FROM audit_log WHERE action = 'withdraw' AND entity_id = CAST(?1 AS TEXT)",
                    failed) == "{\"status\":\"failed\"}");
  CHECK(refusal(resend_message(scheme.db(), scheme.coordinator, monday_9am + 120, failed)) == "message_withdrawn");
  CHECK(status_of(returned) == "withdrawn");
  CHECK(scheme.number("SELECT count(*) FROM outbox WHERE status = 'pending' AND kind LIKE 'loan_%'") == 1);

  // A reminder withdrawn while the relay was being tried stays withdrawn whatever the relay said.
  const auto untouched_reminder =
      scheme.number("SELECT id FROM outbox WHERE event LIKE 'loan_overdue:" + std::to_string(untouched) + ":%'");
  REQUIRE(loan_service::return_bike(scheme.db(), scheme.coordinator, monday_9am + 180, scheme.return_of(untouched)));
  record_failed_attempt(scheme.db(), untouched_reminder, monday_9am + 181, "421 try later", false);
  CHECK(status_of(untouched) == "withdrawn");

  // The renewed loan is reminded again of its new due date when that comes near.
  const auto new_due = scheme.number("SELECT due_at FROM loans WHERE id = " + std::to_string(renewed));
  CHECK(queue_loan_reminders(scheme.db(), new_due - loan_scheme::day, 3) >= 1);
  CHECK(scheme.number("SELECT count(*) FROM outbox WHERE status = 'pending' AND event = 'loan_due:" +
                      std::to_string(renewed) + ":" + std::to_string(new_due) + "'") == 1);
}

TEST_CASE("a loan reminder already sent is not sent again by hand once the loan is renewed or ended")
{
  loan_scheme scheme;
  const auto person = scheme.add_staff("3");
  give_email(scheme, person);
  const auto loan = loan_service::check_out(scheme.db(), scheme.coordinator, monday_9am - 30 * loan_scheme::day,
                                            scheme.checkout_of(person, scheme.add_bike(scheme.site_a)));
  REQUIRE(loan);
  scheme.db().run("UPDATE loans SET due_at = ?1", monday_9am - loan_scheme::day);
  REQUIRE(queue_loan_reminders(scheme.db(), monday_9am, 3) == 1);
  const auto reminder = scheme.number("SELECT id FROM outbox WHERE kind = 'loan_overdue'");
  record_delivery(scheme.db(), reminder, monday_9am + 60);
  // While the loan is as the reminder says, a coordinator may send it again.
  REQUIRE(resend_message(scheme.db(), scheme.coordinator, monday_9am + 120, reminder));
  record_delivery(scheme.db(), reminder, monday_9am + 180);

  REQUIRE(loan_service::return_bike(scheme.db(), scheme.coordinator, monday_9am + 240, scheme.return_of(loan->id)));
  CHECK(scheme.text("SELECT status FROM outbox WHERE id = ?1", reminder) == "sent");
  CHECK(refusal(resend_message(scheme.db(), scheme.coordinator, monday_9am + 300, reminder)) == "message_withdrawn");
  CHECK(scheme.text("SELECT status FROM outbox WHERE id = ?1", reminder) == "sent");
}

TEST_CASE("sign-ins slowed or locked tell the account's owner once a quarter hour per reason and address")
{
  loan_scheme scheme;
  const auto owner = add_user(scheme, "coord", "coordinator", "coord@example.nhs.uk");
  const auto silent = add_user(scheme, "nomail", "coordinator", "");
  notify_sign_in_throttled(scheme.db(), monday_9am, owner, "locked_for_address", "192.0.2.7", 5);
  notify_sign_in_throttled(scheme.db(), monday_9am + 60, owner, "locked_for_address", "192.0.2.7", 6);
  notify_sign_in_throttled(scheme.db(), monday_9am + 60, owner, "locked_for_address", "192.0.2.8", 5);
  notify_sign_in_throttled(scheme.db(), monday_9am, silent, "many_failures", "192.0.2.7", 10);
  const auto queued = outbox(scheme);
  REQUIRE(queued.size() == 2);
  CHECK(queued[0].message.urgent);
  const auto words = write_message(queued[0], "Pedal Power");
  CHECK(words.subject == "Pedal Power: sign-ins to your account were locked");
  CHECK(words.text.find("the last from 192.0.2.") != std::string::npos);
  notify_sign_in_throttled(scheme.db(), monday_9am + 16 * 60, owner, "locked_for_address", "192.0.2.7", 7);
  CHECK(outbox(scheme).size() == 3);
}

TEST_CASE("servicing falling due tells the site's technicians once, again when overdue, and anew after the service")
{
  loan_scheme scheme;
  add_user(scheme, "tech.a", "technician", "a@example.nhs.uk", scheme.site_a);
  add_user(scheme, "tech.b", "technician", "b@example.nhs.uk", scheme.site_b);
  add_user(scheme, "tech.all", "technician", "all@example.nhs.uk");
  add_user(scheme, "coord", "coordinator", "coord@example.nhs.uk");
  const auto bike = scheme.add_bike(scheme.site_a);
  const std::vector<std::string> site_a_technicians{"a@example.nhs.uk", "all@example.nhs.uk"};

  CHECK(queue_service_reminders(scheme.db(), monday_9am) == 0);  // a new bike owes nothing yet

  REQUIRE(record_bike_odometer(scheme.db(), scheme.coordinator, monday_9am, bike, 950'000));
  CHECK(queue_service_reminders(scheme.db(), monday_9am) == 2);
  CHECK(recipients_of(scheme, "service_due_soon") == site_a_technicians);
  CHECK(queue_service_reminders(scheme.db(), monday_9am + 3600) == 0);  // told once

  REQUIRE(record_bike_odometer(scheme.db(), scheme.coordinator, monday_9am, bike, 1'040'000));
  CHECK(queue_service_reminders(scheme.db(), monday_9am + 7200) == 2);
  CHECK(recipients_of(scheme, "service_overdue") == site_a_technicians);
  CHECK(queue_service_reminders(scheme.db(), monday_9am + 7200 + 900) == 0);

  outbox_filter overdue;
  overdue.kind = "service_overdue";
  const auto told = list_outbox(scheme.db(), overdue, {}).value();
  CHECK(told.total == 2);
  const auto words = write_message(told.items.front(), "Pedal Power");
  CHECK(words.subject == "Pedal Power: safety check overdue on EB-1001");
  CHECK(words.text.find("is overdue: 40 km past due.") != std::string::npos);
  CHECK(words.text.find("not been recorded as done") != std::string::npos);

  // Doing the service starts a new count: nothing is due, and the next time it falls due is a new event.
  REQUIRE(record_service(scheme.db(), scheme.coordinator, monday_9am + loan_scheme::day,
                         {"safety_check", bike, {}, {}, "pads"}));
  CHECK(queue_service_reminders(scheme.db(), monday_9am + loan_scheme::day) == 0);
  REQUIRE(record_bike_odometer(scheme.db(), scheme.coordinator, monday_9am, bike, 1'960'000));
  CHECK(queue_service_reminders(scheme.db(), monday_9am + 2 * loan_scheme::day) == 2);
  CHECK(recipients_of(scheme, "service_due_soon").size() == 4);
  const auto again = list_outbox(scheme.db(), {}, {})->items.front();
  CHECK(write_message(again, "Pedal Power").text.find("80 km or 90 days left") != std::string::npos);
  CHECK(write_message(again, "Pedal Power").text.find("It was last done at") != std::string::npos);
}

TEST_CASE("a retired bike's servicing tells no one")
{
  loan_scheme scheme;
  add_user(scheme, "tech.a", "technician", "a@example.nhs.uk", scheme.site_a);
  scheme.add_bike(scheme.site_a, 2'000'000, "retired");
  CHECK(queue_service_reminders(scheme.db(), monday_9am) == 0);
}

TEST_CASE("a report pack is mailed to report authors who did not opt out and coordinators who opted in")
{
  loan_scheme scheme;
  add_user(scheme, "author", "reporter", "author@example.nhs.uk");
  const auto quiet_author = add_user(scheme, "quiet", "reporter", "quiet@example.nhs.uk");
  const auto keen_coordinator = add_user(scheme, "keen", "coordinator", "keen@example.nhs.uk");
  add_user(scheme, "busy", "coordinator", "busy@example.nhs.uk");
  add_user(scheme, "fixer", "technician", "fixer@example.nhs.uk");
  add_user(scheme, "nomail", "reporter", "");
  // Authors added before the setting existed are sent the packs; the migration set theirs.
  scheme.db().run("UPDATE users SET report_packs = (role = 'reporter')");
  scheme.db().run("UPDATE users SET report_packs = 0 WHERE id = ?1", quiet_author);
  scheme.db().run("UPDATE users SET report_packs = 1 WHERE id = ?1", keen_coordinator);

  notify_report_pack_ready(scheme.db(), monday_9am, "2025-02", "https://bikes.example.nhs.uk/api/v1/reports/packs/2025-02");
  CHECK(recipients_of(scheme, "report_pack_ready") ==
        std::vector<std::string>{"author@example.nhs.uk", "keen@example.nhs.uk"});
}
