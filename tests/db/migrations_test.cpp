#include <catch2/catch.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/error.hpp"
#include "pedalpower/db/migrations.hpp"

using namespace pedalpower::db;

TEST_CASE("migrations bring a new database to the newest version once")
{
  connection db({":memory:"});
  const std::vector<migration> steps{{1, "0001_a", "CREATE TABLE a(x);"}, {2, "0002_b", "CREATE TABLE b(y);"}};
  CHECK(migrate(db, steps) == 2);
  CHECK(schema_version(db) == 2);
  CHECK(migrate(db, steps) == 2);
}

TEST_CASE("a failing migration is rolled back and earlier ones stay")
{
  connection db({":memory:"});
  const std::vector<migration> steps{{1, "0001_a", "CREATE TABLE a(x);"},
                                     {2, "0002_bad", "CREATE TABLE c(z); CREATE TABLE a(x);"}};
  CHECK_THROWS_WITH(migrate(db, steps), Catch::Contains("0002_bad"));
  CHECK(schema_version(db) == 1);
  CHECK_THROWS(db.prepare("SELECT * FROM c"));
}

TEST_CASE("a database newer than the program is refused with a clear message")
{
  connection db({":memory:"});
  db.execute_script("PRAGMA user_version=99;");
  CHECK_THROWS_AS(migrate(db, {{1, "0001_a", "CREATE TABLE a(x);"}}), schema_too_new_error);
  CHECK_THROWS_WITH(migrate(db, {{1, "0001_a", "CREATE TABLE a(x);"}}), Catch::Contains("99"));
}

TEST_CASE("the bundled schema applies cleanly")
{
  connection db({":memory:"});
  const int version = migrate(db);
  CHECK(version == bundled_migrations().back().version);
  CHECK_NOTHROW(db.prepare("SELECT id, status FROM loans"));
}

namespace {

/// Brings `db` to the bundled schema as it stood before migration `version`, to fill it with rows that
/// migration must rewrite.
void migrate_up_to_before(connection& db, int version)
{
  std::vector<migration> earlier;
  for (const auto& step : bundled_migrations()) {
    if (step.version < version) earlier.push_back(step);
  }
  migrate(db, earlier);
}

/// Each row `sql` reads, its columns joined by spaces.
std::vector<std::string> rows_as_text(connection& db, const std::string& sql)
{
  auto& rows = db.query(sql);
  std::vector<std::string> found;
  while (rows.step()) {
    std::string line;
    for (int column = 0; column < rows.column_count(); ++column) {
      line += (column ? " " : "") + rows.get_optional_text(column).value_or("NULL");
    }
    found.push_back(std::move(line));
  }
  rows.reset();
  return found;
}

}  // namespace

TEST_CASE("people marked as left before leavers left the queues stop waiting, with the change audited")
{
  connection db({":memory:"});
  migrate_up_to_before(db, 21);
  db.execute_script(
      "INSERT INTO sites(id, code, name, created_at) VALUES (1, 'BAS', 'Basildon', 0);"
      "INSERT INTO staff(id, staff_number, name, pay_band, active, created_at, updated_at) VALUES"
      " (1, 'S1', 'Still here', '2', 1, 0, 0), (2, 'S2', 'Has left', '2', 0, 0, 0);"
      "INSERT INTO waitlist_entries(id, staff_id, site_id, priority_tier, joined_at, status) VALUES"
      " (10, 1, 1, 1, 0, 'waiting'), (20, 2, 1, 1, 0, 'waiting'), (21, 2, 1, 1, 0, 'left');");

  migrate(db);
  auto& entries = db.query("SELECT id, status, closed_at IS NOT NULL FROM waitlist_entries ORDER BY id");
  std::vector<std::tuple<std::int64_t, std::string, bool>> found;
  while (entries.step()) found.emplace_back(entries.get_int(0), entries.get_text(1), entries.get_int(2) != 0);
  CHECK(found == decltype(found){{10, "waiting", false}, {20, "left", true}, {21, "left", false}});
  auto& audit = db.query("SELECT entity_id, action, actor FROM audit_log");
  REQUIRE(audit.step());
  CHECK(audit.get_text(0) == "20");
  CHECK(audit.get_text(1) == "waitlist.left");
  CHECK(audit.get_text(2) == "system:migration");
  CHECK_FALSE(audit.step());
}

TEST_CASE("badge ids already in the audit log are rewritten as whether a badge is set")
{
  connection db({":memory:"});
  migrate_up_to_before(db, 22);
  db.execute_script(
      "INSERT INTO audit_log(id, at, actor, action, entity, entity_id, before, after) VALUES"
      " (1, 0, 'user:1:cora', 'staff.create', 'staff', '1', NULL, '{\"name\":\"Sam\",\"badge_id\":null}'),"
      " (2, 0, 'user:1:cora', 'staff.update', 'staff', '1', '{\"badge_id\":null}', '{\"badge_id\":\"BADGE-7\"}'),"
      " (3, 0, 'user:1:cora', 'bike.update', 'bike', '1', '{\"badge_id\":\"kept\"}', '{}'),"
      " (4, 0, 'user:1:cora', 'staff.update', 'staff', '1', 'not json \"badge_id\"', NULL);");

  migrate(db);
  const auto found =
      rows_as_text(db, "SELECT id, coalesce(before, '-'), coalesce(after, '-') FROM audit_log ORDER BY id");
  CHECK(found.size() == 5);
  CHECK(found[0] == R"(1 - {"name":"Sam","badge":null})");
  CHECK(found[1] == R"(2 {"badge":null} {"badge":"set"})");
  CHECK(found[2] == R"(3 {"badge_id":"kept"} {})");
  CHECK(found[3] == R"(4 not json "badge_id" -)");
  CHECK(found[4].find(R"({"entries":3})") != std::string::npos);
}

TEST_CASE("the outbox is made again able to hold withdrawn messages, every row and column kept")
{
  connection db({":memory:"});
  migrate_up_to_before(db, 23);
  db.execute_script(
      "INSERT INTO outbox(id, event, kind, recipient, recipient_label, urgent, facts, message_id, status, attempts,"
      " next_attempt_at, last_error, created_at, sent_at) VALUES"
      " (7, 'safety_fault:3', 'safety_fault', 'a@example.nhs.uk', 'staff:1', 0, '{}', '<m7@pp>', 'sent', 1, 5, '', 4, "
      "5),"
      " (9, 'safety_fault:4', 'safety_fault', 'a@example.nhs.uk', 'staff:1', 0, '{\"n\":1}', '<m9@pp>', 'failed',"
      " 20, 6, '550 gone', 4, NULL);");
  const auto before = db.query_int("SELECT count(*) FROM outbox");

  migrate(db);
  CHECK(db.query_int("SELECT count(*) FROM outbox") == before);
  auto& row = db.query(
      "SELECT event, facts, message_id, status, attempts, last_error, sent_at IS NULL FROM outbox "
      "WHERE id = 9");
  REQUIRE(row.step());
  CHECK(row.get_text(0) == "safety_fault:4");
  CHECK(row.get_text(1) == R"({"n":1})");
  CHECK(row.get_text(2) == "<m9@pp>");
  CHECK(row.get_text(3) == "failed");
  CHECK(row.get_int(4) == 20);
  CHECK(row.get_text(5) == "550 gone");
  CHECK(row.get_int(6) == 1);
  row.reset();
  db.run("UPDATE outbox SET status = 'withdrawn' WHERE id = 9");
  CHECK_THROWS(db.run("UPDATE outbox SET status = 'lost' WHERE id = 9"));
  CHECK_THROWS(
      db.run("INSERT INTO outbox(event, kind, recipient, recipient_label, urgent, facts, message_id, status,"
             " next_attempt_at, created_at) VALUES ('safety_fault:3', 'safety_fault', 'a@example.nhs.uk', 'x', 0,"
             " '{}', '<m10@pp>', 'pending', 0, 0)"));
  CHECK(db.query_int("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'outbox_due'") == 1);
}

TEST_CASE("reminders already stale when the outbox learns withdrawal are withdrawn, and those that hold are kept")
{
  connection db({":memory:"});
  migrate_up_to_before(db, 23);
  db.execute_script(
      "INSERT INTO sites(id, code, name, created_at) VALUES (1, 'BAS', 'Basildon', 0);"
      "INSERT INTO staff(id, staff_number, name, pay_band, active, created_at, updated_at) VALUES"
      " (1, 'S1', 'Sam', '2', 1, 0, 0);"
      "INSERT INTO bikes(id, asset_tag, frame_number, make, model, site_id, status, created_at, updated_at) VALUES"
      " (1, 'EB-1', 'F1', 'Raleigh', 'Motus', 1, 'on_loan', 0, 0), (2, 'EB-2', 'F2', 'Raleigh', 'Motus', 1, "
      "'available', 0, 0);"
      "INSERT INTO loans(id, staff_id, bike_id, site_id, policy_version_id, terms_version, weekly_fee_pence,"
      " deposit_pence, status, checked_out_at, due_at, start_odometer_m, created_by) VALUES"
      " (1, 1, 1, 1, 1, '2025-01', 0, 0, 'active', 0, 500, 0, 't'),"
      " (2, 1, 2, 1, 1, '2025-01', 0, 0, 'returned', 0, 500, 0, 't');"
      "INSERT INTO outbox(id, event, kind, recipient, recipient_label, urgent, facts, message_id, status,"
      " next_attempt_at, created_at) VALUES"
      " (1, 'loan_overdue:1:500', 'loan_overdue', 'a@x', 'staff:1', 0, '{}', '<1@pp>', 'pending', 0, 0),"
      " (2, 'loan_overdue:1:400', 'loan_overdue', 'a@x', 'staff:1', 0, '{}', '<2@pp>', 'pending', 0, 0),"
      " (3, 'loan_overdue:2:500', 'loan_overdue', 'a@x', 'staff:1', 0, '{}', '<3@pp>', 'failed', 0, 0),"
      " (4, 'loan_due:2:500', 'loan_due', 'a@x', 'staff:1', 0, '{}', '<4@pp>', 'sent', 0, 0),"
      " (5, 'reservation_offered:9', 'reservation_offered', 'a@x', 'staff:1', 0, '{}', '<5@pp>', 'pending', 0, 0);");

  migrate(db);
  CHECK(rows_as_text(db, "SELECT id, status FROM outbox ORDER BY id") ==
        std::vector<std::string>{"1 pending", "2 withdrawn", "3 withdrawn", "4 sent", "5 pending"});
}
