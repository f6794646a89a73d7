#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/privacy_zones.hpp"
#include "pedalpower/domain/staff_erasure.hpp"
#include "pedalpower/domain/subject_access.hpp"
#include "pedalpower/domain/telematics_reports.hpp"
#include "outcome_refusal.hpp"
#include "position_fixture.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

constexpr auto checkout = loan_scheme::now - 10 * loan_scheme::day;
constexpr auto kiosk_label = "device:9:kiosk-bas";

// A band-3 porter who used to drive has left: they borrowed a bike at site A, rode it twice (the
// positions are still held), and gave it back. A colleague in the same band is still riding. The
// leaver also has a privacy zone, a closed place on the waiting list, a lapsed hold, a kiosk
// identification, a PIN lock, an email, and a kiosk-made change in the audit log.
struct leaver_scheme {
  tracked_scheme scheme;
  std::int64_t leaver = 0;
  std::int64_t colleague = 0;
  std::int64_t leavers_bike = 0;
  std::int64_t leavers_loan = 0;
  std::string leavers_number;

  leaver_scheme()
  {
    auto& db = scheme.db();
    int n = 0;
    for (auto* person : {&leaver, &colleague}) {
      const auto bike = scheme.add_bike(scheme.site_a);
      const auto device = "controller-" + std::to_string(++n);
      scheme.add_tracker(device, bike, checkout - 5 * loan_scheme::day);
      *person = scheme.add_staff("3");
      db.run("UPDATE staff SET commute_mode = 'car_petrol', email = ?2, badge_id = ?3, pin_hash = 'scrypt$x',"
             " department = 'Estates' WHERE id = ?1",
             *person, "person" + std::to_string(n) + "@example.nhs.uk", "BADGE-" + std::to_string(n));
      const auto loan = scheme.lend(*person, bike, checkout);
      for (const auto start : {checkout + 3600, checkout + loan_scheme::day + 3600}) {
        scheme.store(tracked_scheme::ride(device, tracked_scheme::at(start), 600));
      }
      if (n == 1) {
        leavers_bike = bike;
        leavers_loan = loan;
        scheme.give_back(loan, checkout + 3 * loan_scheme::day);
      }
    }
    leavers_number = scheme.text("SELECT staff_number FROM staff WHERE id = ?1", leaver);
    REQUIRE(set_privacy_zone(db, scheme.coordinator, loan_scheme::now, leaver, {51.58, 0.49, 800}));
    db.run("INSERT INTO devices(id, name, role, site_id, token_hash, created_at) VALUES (9, 'kiosk-bas', 'kiosk', ?1, 'h', 0)",
           scheme.site_a);
    db.run("INSERT INTO kiosk_identifications(device_id, staff_id, proof_digest, identified_at, valid_until)"
           " VALUES (9, ?1, 'digest', ?2, ?2)",
           leaver, checkout);
    db.run("INSERT INTO pin_lockouts(staff_id, device_id, failures) VALUES (?1, 9, 2)", leaver);
    db.run("INSERT INTO waitlist_entries(staff_id, site_id, priority_tier, joined_at, status, closed_at)"
           " VALUES (?1, ?2, 1, ?3, 'fulfilled', ?4)",
           leaver, scheme.site_a, checkout - 20 * loan_scheme::day, checkout);
    const auto entry = db.last_insert_rowid();
    db.run("INSERT INTO reservations(bike_id, staff_id, waitlist_entry_id, created_at, expires_at, status)"
           " VALUES (?1, ?2, ?3, ?4, ?4, 'fulfilled')",
           leavers_bike, leaver, entry, checkout);
    db.run("INSERT INTO outbox(event, kind, recipient, recipient_label, urgent, facts, message_id, status,"
           " next_attempt_at, created_at) VALUES ('loan_due:1', 'loan_due', 'person1@example.nhs.uk', 'staff:' || ?1, 0,"
           " '{\"name\": \"Person\"}', 'm1@pedalpower', 'sent', 0, 0)",
           leaver);
    db.run("INSERT INTO outbox(event, kind, recipient, recipient_label, urgent, facts, message_id, status,"
           " next_attempt_at, created_at) VALUES ('digest:1', 'overdue_digest', 'coord@example.nhs.uk', 'user:1', 0,"
           " ?1, 'm2@pedalpower', 'sent', 0, 0)",
           nlohmann::json{{"name", "Coordinator"},
                          {"loans", {{{"staff_number", leavers_number}, {"name", "Person " + leavers_number}}}}}
               .dump());
    record_audit(db, actor{std::string(kiosk_label) + "/staff:" + leavers_number + "/pin"}, checkout, "fault.report",
                 "fault_report", "1", std::nullopt, nlohmann::json{{"note", "squeaky brakes"}});
    db.run("UPDATE staff SET active = 0 WHERE id = ?1", leaver);
  }

  nlohmann::json report()
  {
    auto made = distance_by_site_and_band(scheme.db(), "2025-01-01", "2025-12-31", {}, 1);
    REQUIRE(made);
    return nlohmann::json(made.value());
  }

  /// Rows anywhere in the tables that could still hold the leaver's number or email.
  std::int64_t rows_naming_leaver()
  {
    return scheme.db().query_int(
        "SELECT (SELECT count(*) FROM audit_log WHERE instr(actor || coalesce(before, '') || coalesce(after, ''), ?1) > 0"
        " OR instr(coalesce(before, '') || coalesce(after, ''), 'person1@') > 0)"
        " + (SELECT count(*) FROM loans WHERE instr(created_by, ?1) > 0)"
        " + (SELECT count(*) FROM outbox WHERE instr(facts || recipient, ?1) > 0 OR instr(recipient, 'person1@') > 0)"
        " + (SELECT count(*) FROM staff WHERE staff_number = ?1 OR email LIKE 'person1@%' OR badge_id = 'BADGE-1')",
        leavers_number);
  }
};

}  // namespace

TEST_CASE("erasing a leaver leaves the distance report and the loan counts exactly as they were")
{
  leaver_scheme fleet;
  const auto before = fleet.report();
  const auto loans_before = fleet.scheme.number("SELECT count(*) FROM loans");
  REQUIRE(fleet.scheme.positions_of(fleet.leavers_bike) > 0);

  const auto erased = erase_staff(fleet.scheme.db(), fleet.scheme.coordinator, loan_scheme::now, fleet.leaver);
  REQUIRE(erased);
  CHECK(erased->loans_kept == 1);
  CHECK(erased->trips_summarised == 2);
  CHECK(erased->positions_deleted > 0);

  CHECK(fleet.report() == before);
  CHECK(fleet.scheme.number("SELECT count(*) FROM loans") == loans_before);
  CHECK(fleet.scheme.number("SELECT count(*) FROM trip_summaries WHERE loan_id = " + std::to_string(fleet.leavers_loan)) == 2);
}

TEST_CASE("erasure removes what identifies or locates the leaver and keeps what the totals need")
{
  leaver_scheme fleet;
  REQUIRE(fleet.rows_naming_leaver() > 0);
  REQUIRE(erase_staff(fleet.scheme.db(), fleet.scheme.coordinator, loan_scheme::now, fleet.leaver));

  CHECK(fleet.rows_naming_leaver() == 0);
  const auto id = std::to_string(fleet.leaver);
  CHECK(fleet.scheme.text("SELECT name || '|' || staff_number || '|' || pay_band || '|' || commute_mode || '|' || active"
                          " || '|' || coalesce(badge_id, '-') || '|' || coalesce(pin_hash, '-') || '|' || department"
                          " FROM staff WHERE id = ?1",
                          fleet.leaver) == "Erased staff member|erased:" + id + "|3|car_petrol|0|-|-|");
  for (const auto* table : {"staff_privacy_zones", "kiosk_identifications", "pin_lockouts", "waitlist_entries",
                            "reservations"}) {
    INFO(table);
    CHECK(fleet.scheme.number(std::string("SELECT count(*) FROM ") + table + " WHERE staff_id = " + id) == 0);
  }
  CHECK(fleet.scheme.number("SELECT count(*) FROM outbox WHERE recipient_label = 'staff:" + id + "'") == 0);
  CHECK(fleet.scheme.positions_of(fleet.leavers_bike) == 0);
  CHECK(fleet.scheme.text("SELECT actor FROM audit_log WHERE action = 'fault.report' AND entity_id = CAST(?1 AS TEXT)", 1) ==
        std::string(kiosk_label) + "/staff:erased/pin");

  // The colleague is untouched: their positions are still held.
  CHECK(fleet.scheme.number("SELECT count(*) FROM positions") > 0);
  CHECK(fleet.scheme.text("SELECT name FROM staff WHERE id = ?1", fleet.colleague) != "Erased staff member");

  // The erasure itself is audited, with counts and nothing of what was erased.
  const auto audited = nlohmann::json::parse(
      fleet.scheme.text("SELECT after FROM audit_log WHERE action = 'staff.erase' AND entity_id = CAST(?1 AS TEXT)", fleet.leaver));
  CHECK(audited.at("staff_id") == fleet.leaver);
  CHECK(audited.at("positions_deleted").get<int>() > 0);
}

TEST_CASE("erasure is refused while the person is active, has a bike out or has one held, and changes nothing")
{
  leaver_scheme fleet;
  auto& db = fleet.scheme.db();
  const auto state = fleet.scheme.snapshot();
  const auto refusal = [&](std::int64_t staff_id) {
    const auto attempt = erase_staff(db, fleet.scheme.coordinator, loan_scheme::now, staff_id);
    REQUIRE_FALSE(attempt);
    return attempt.error();
  };

  CHECK(refusal(fleet.colleague).code == "staff_still_active");
  db.run("UPDATE staff SET active = 0 WHERE id = ?1", fleet.colleague);
  CHECK(refusal(fleet.colleague).code == "staff_has_loan");

  const auto spare = fleet.scheme.add_bike(fleet.scheme.site_a, 0, "reserved");
  db.run("INSERT INTO reservations(bike_id, staff_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)", spare,
         fleet.leaver, loan_scheme::now, loan_scheme::now + 3600);
  const auto held = refusal(fleet.leaver);
  CHECK(held.code == "staff_has_reservation");
  CHECK(held.kind == problem_kind::conflict);

  CHECK(refusal(999).code == "staff_not_found");
  CHECK(fleet.rows_naming_leaver() > 0);
  db.run("DELETE FROM reservations WHERE bike_id = ?1", spare);
  db.run("DELETE FROM bikes WHERE id = ?1", spare);
  CHECK(fleet.scheme.snapshot() == state);
}

TEST_CASE("a record is erased once: a second erasure is refused")
{
  leaver_scheme fleet;
  REQUIRE(erase_staff(fleet.scheme.db(), fleet.scheme.coordinator, loan_scheme::now, fleet.leaver));
  CHECK(refusal(erase_staff(fleet.scheme.db(), fleet.scheme.coordinator, loan_scheme::now, fleet.leaver)) ==
        "staff_already_erased");
}

TEST_CASE("a subject access record holds every part with its explanation, and positions a page at a time")
{
  leaver_scheme fleet;
  auto& db = fleet.scheme.db();
  const auto record = subject_access_record(db, fleet.leaver, loan_scheme::now);
  REQUIRE(record);
  const auto& parts = record->at("parts");
  for (const auto* name : {"staff", "loans", "waitlist_entries", "reservations", "trips", "positions", "privacy_zone",
                           "kiosk_identifications", "pin_lockouts", "outbox", "kiosk_exceptions", "checkout_refusals",
                           "audit"}) {
    INFO(name);
    REQUIRE(parts.contains(name));
    CHECK_FALSE(parts.at(name).at("explanation").get<std::string>().empty());
  }
  CHECK(parts["staff"]["data"]["staff_number"] == fleet.leavers_number);
  CHECK(parts["staff"]["data"]["pin_set"] == true);
  CHECK_FALSE(parts["staff"]["data"].contains("pin_hash"));
  CHECK(parts["loans"]["data"].size() == 1);
  CHECK(parts["loans"]["data"][0]["accessories"].size() == 4);
  CHECK(parts["trips"]["data"].size() == 2);
  CHECK(parts["waitlist_entries"]["data"].size() == 1);
  CHECK(parts["reservations"]["data"].size() == 1);
  CHECK(parts["privacy_zone"]["data"]["radius_m"] == 800);
  CHECK(parts["kiosk_identifications"]["data"].size() == 1);
  CHECK_FALSE(parts["kiosk_identifications"]["data"][0].contains("proof_digest"));
  CHECK(parts["outbox"]["data"].size() == 1);
  CHECK(parts["outbox"]["data"][0]["facts"]["name"] == "Person");
  bool kiosk_change_found = false;
  for (const auto& entry : parts["audit"]["data"]) kiosk_change_found |= entry["action"] == "fault.report";
  CHECK(kiosk_change_found);

  // The colleague's rides on their own loan are not in it: positions come only from the leaver's loan window.
  const auto total = parts["positions"]["total"].get<std::int64_t>();
  CHECK(total == fleet.scheme.positions_of(fleet.leavers_bike));
  std::int64_t paged = 0;
  std::string last_time;
  for (int page = 1;; ++page) {
    const auto read = subject_access_positions(db, fleet.leaver, {page, 200, ""});
    REQUIRE(read);
    CHECK(read->total == total);
    if (read->items.empty()) break;
    for (const auto& fix : read->items) {
      CHECK(fix["loan_id"] == fleet.leavers_loan);
      CHECK(fix["time"].get<std::string>() > last_time);
      last_time = fix["time"].get<std::string>();
    }
    paged += static_cast<std::int64_t>(read->items.size());
  }
  CHECK(paged == total);
  CHECK(parts["positions"]["pages"] == (total + 199) / 200);

  CHECK(refused_field(subject_access_positions(db, fleet.leaver, {1, 201, ""})) == "page_size");
  CHECK_FALSE(subject_access_record(db, 999, loan_scheme::now));
}
