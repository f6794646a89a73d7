#include <catch2/catch.hpp>

#include <filesystem>
#include <vector>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/error.hpp"
#include "temp_database.hpp"

using namespace pedalpower::db;

TEST_CASE("a file database opens in WAL mode with foreign keys enforced")
{
  temp_database file;
  connection db({file.path()});
  auto& mode = db.query("PRAGMA journal_mode;");
  REQUIRE(mode.step());
  CHECK(mode.get_text(0) == "wal");

  db.execute_script("CREATE TABLE parent(id INTEGER PRIMARY KEY); CREATE TABLE child(p INTEGER REFERENCES parent(id));");
  CHECK_THROWS_AS(db.run("INSERT INTO child(p) VALUES (?1)", 42), constraint_error);
}

TEST_CASE("bound values round-trip and never become SQL")
{
  connection db({":memory:"});
  db.execute_script("CREATE TABLE t(i INTEGER, r REAL, s TEXT, n TEXT);");
  const std::string hostile = "x'); DROP TABLE t; --";
  db.run("INSERT INTO t VALUES (?1, ?2, ?3, ?4)", std::int64_t{7}, 2.5, hostile, std::optional<std::string>{});

  auto& row = db.query("SELECT i, r, s, n FROM t");
  REQUIRE(row.step());
  CHECK(row.get_int(0) == 7);
  CHECK(row.get_double(1) == 2.5);
  CHECK(row.get_text(2) == hostile);
  CHECK_FALSE(row.get_optional_text(3).has_value());
  CHECK_FALSE(row.step());
}

TEST_CASE("a prepared statement is compiled once and reused reset")
{
  connection db({":memory:"});
  db.execute_script("CREATE TABLE t(v INTEGER);");
  for (int i = 0; i < 3; ++i) db.run("INSERT INTO t VALUES (?1)", i);
  auto& first = db.query("SELECT count(*) FROM t WHERE v >= ?1", 1);
  REQUIRE(first.step());
  CHECK(first.get_int(0) == 2);
  auto& again = db.query("SELECT count(*) FROM t WHERE v >= ?1", 0);
  CHECK(&first == &again);
  REQUIRE(again.step());
  CHECK(again.get_int(0) == 3);
}

TEST_CASE("a paused statement reads a long result a batch at a time, kept across finish_reads, then says it is done")
{
  connection db({":memory:"});
  db.execute_script("CREATE TABLE t(v INTEGER);");
  for (int i = 0; i < 5; ++i) db.run("INSERT INTO t VALUES (?1)", i);
  auto& rows = db.query("SELECT v FROM t ORDER BY v");
  std::vector<std::int64_t> batch;
  const auto read_batch = [&] {
    batch.clear();
    rows.pause_after(2);
    while (rows.step()) batch.push_back(rows.get_int(0));
  };
  read_batch();
  CHECK(batch == std::vector<std::int64_t>{0, 1});
  CHECK(rows.paused());
  db.finish_reads();  // what a reader does before each use: a paused statement is kept where it is
  read_batch();
  CHECK(batch == std::vector<std::int64_t>{2, 3});
  CHECK(rows.paused());
  read_batch();
  CHECK(batch == std::vector<std::int64_t>{4});
  CHECK_FALSE(rows.paused());
  rows.reset();
  CHECK(rows.step());  // a reset lifts the pause
}

TEST_CASE("a single number is read with its arguments bound, 0 when no row or NULL answers")
{
  temp_database file;
  connection db({file.path()});
  db.execute_script("CREATE TABLE t(n INTEGER); INSERT INTO t VALUES (7), (9);");
  CHECK(db.query_int("SELECT max(n) FROM t WHERE n < ?1", 8) == 7);
  CHECK(db.query_int("SELECT n FROM t WHERE n > ?1", 100) == 0);
  CHECK(db.query_int("SELECT NULL") == 0);
}

TEST_CASE("a syntax error is reported with the statement")
{
  connection db({":memory:"});
  CHECK_THROWS_WITH(db.prepare("SELEC 1"), Catch::Contains("SELEC 1"));
}

TEST_CASE("a database that cannot be opened is a clear error")
{
  CHECK_THROWS_AS(connection({"/nonexistent-dir/for/sure/db.sqlite"}), error);
}

TEST_CASE("a reader left mid-result sees later commits once it finishes its reads")
{
  temp_database file;
  connection writer({file.path()});
  writer.execute_script("CREATE TABLE t(i INTEGER); INSERT INTO t VALUES (1), (2);");
  connection reader({.path = file.path(), .read_only = true});

  auto& first = reader.query("SELECT i FROM t");
  REQUIRE(first.step());  // one row read, the statement left open
  writer.run("INSERT INTO t VALUES (?1)", 3);
  const auto count = [&] {
    return reader.query_int("SELECT count(*) FROM t");
  };
  CHECK(count() == 2);
  reader.finish_reads();
  CHECK(count() == 3);
}
