#include <catch2/catch.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"

using namespace pedalpower::db;

namespace {
std::int64_t count_rows(connection& db)
{
  return db.query_int("SELECT count(*) FROM t");
}
}  // namespace

TEST_CASE("a transaction that is not committed is rolled back")
{
  connection db({":memory:"});
  db.execute_script("CREATE TABLE t(v INTEGER);");
  {
    transaction tx(db);
    db.run("INSERT INTO t VALUES (1)");
    CHECK(db.in_transaction());
  }
  CHECK_FALSE(db.in_transaction());
  CHECK(count_rows(db) == 0);
}

TEST_CASE("a committed transaction keeps its rows")
{
  connection db({":memory:"});
  db.execute_script("CREATE TABLE t(v INTEGER);");
  transaction tx(db);
  db.run("INSERT INTO t VALUES (1)");
  tx.commit();
  CHECK(count_rows(db) == 1);
}

TEST_CASE("a savepoint undoes only its own work")
{
  connection db({":memory:"});
  db.execute_script("CREATE TABLE t(v INTEGER);");
  transaction tx(db);
  db.run("INSERT INTO t VALUES (1)");
  {
    savepoint inner(db, "inner");
    db.run("INSERT INTO t VALUES (2)");
  }
  tx.commit();
  CHECK(count_rows(db) == 1);
}
