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
