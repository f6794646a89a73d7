#include <catch2/catch.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"

using namespace pedalpower::db;

namespace {

/// An in-memory database with one empty table, t.
struct one_table {
  connection db{{":memory:"}};
  one_table() { db.execute_script("CREATE TABLE t(v INTEGER);"); }
  std::int64_t count_rows() { return db.query_int("SELECT count(*) FROM t"); }
};

}  // namespace

TEST_CASE_METHOD(one_table, "a transaction that is not committed is rolled back")
{
  {
    transaction tx(db);
    db.run("INSERT INTO t VALUES (1)");
    CHECK(db.in_transaction());
  }
  CHECK_FALSE(db.in_transaction());
  CHECK(count_rows() == 0);
}

TEST_CASE_METHOD(one_table, "a committed transaction keeps its rows")
{
  transaction tx(db);
  db.run("INSERT INTO t VALUES (1)");
  tx.commit();
  CHECK(count_rows() == 1);
}

TEST_CASE_METHOD(one_table, "a savepoint undoes only its own work")
{
  transaction tx(db);
  db.run("INSERT INTO t VALUES (1)");
  {
    savepoint inner(db, "inner");
    db.run("INSERT INTO t VALUES (2)");
  }
  tx.commit();
  CHECK(count_rows() == 1);
}
