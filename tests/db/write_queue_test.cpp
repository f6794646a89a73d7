#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/write_queue.hpp"
#include "temp_database.hpp"

using namespace pedalpower::db;

TEST_CASE("queued writes are committed and visible to other connections")
{
  temp_database file;
  {
    connection setup({file.path()});
    setup.execute_script("CREATE TABLE t(v INTEGER UNIQUE);");
  }
  write_queue writer({file.path()});
  std::vector<std::future<std::int64_t>> results;
  for (int i = 0; i < 100; ++i) {
    results.push_back(writer.run([i](connection& db) {
      db.run("INSERT INTO t VALUES (?1)", i);
      return db.last_insert_rowid();
    }));
  }
  for (auto& r : results) CHECK(r.get() > 0);

  connection reader({file.path()});
  auto& count = reader.query("SELECT count(*) FROM t");
  REQUIRE(count.step());
  CHECK(count.get_int(0) == 100);
}

TEST_CASE("a job that throws is undone alone and its caller sees the error")
{
  temp_database file;
  {
    connection setup({file.path()});
    setup.execute_script("CREATE TABLE t(v INTEGER UNIQUE);");
  }
  write_queue writer({file.path()});
  auto good = writer.run([](connection& db) { db.run("INSERT INTO t VALUES (1)"); });
  auto bad = writer.run([](connection& db) {
    db.run("INSERT INTO t VALUES (2)");
    throw std::runtime_error("refused");
  });
  auto duplicate = writer.run([](connection& db) { db.run("INSERT INTO t VALUES (1)"); });
  CHECK_NOTHROW(good.get());
  CHECK_THROWS_WITH(bad.get(), "refused");
  CHECK_THROWS(duplicate.get());

  connection reader({file.path()});
  auto& rows = reader.query("SELECT group_concat(v) FROM t");
  REQUIRE(rows.step());
  CHECK(rows.get_text(0) == "1");
}

TEST_CASE("the commit count grows before a job's result is handed back")
{
  temp_database file;
  write_queue writer({file.path()});
  const auto before = writer.commits();
  writer.run([](connection& db) { return db.run("CREATE TABLE t(i INTEGER)"); }).get();
  CHECK(writer.commits() > before);
}
