/* The floor under position ingest: the row position_store writes (same table, same columns,
 * INSERT OR IGNORE), ROWS_PER_TRANSACTION rows to each BEGIN IMMEDIATE transaction, from one thread,
 * with no HTTP, no parsing and no tracker lookup. One row per transaction is what an OsmAnd request
 * stores; a batch stores its whole body, one tracker's consecutive fixes, in one. Transactions take
 * the bikes in turn, as requests from many trackers do.
 *
 * Usage: bare_positions DATABASE full|normal ROWS_PER_TRANSACTION MAX_SECONDS
 * Inserts fresh fixes for up to 64 bikes until the time is up; prints positions per second. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bare_sqlite.h"

enum { most_bikes = 64 };

static int choose_bikes(sqlite3 *db, sqlite3_int64 *bikes)
{
  sqlite3_stmt *rows = bare_prepare(db, "SELECT id FROM bikes ORDER BY id LIMIT 64");
  int count = 0;
  while (count < most_bikes && sqlite3_step(rows) == SQLITE_ROW) bikes[count++] = sqlite3_column_int64(rows, 0);
  sqlite3_finalize(rows);
  return count;
}

static void insert_fix(sqlite3 *db, sqlite3_stmt *insert, sqlite3_int64 bike_id, sqlite3_int64 time_ms, long n)
{
  sqlite3_bind_int64(insert, 1, bike_id);
  sqlite3_bind_int64(insert, 2, time_ms);
  sqlite3_bind_int(insert, 3, 51570000 + (int)(n % 10000));
  sqlite3_bind_int(insert, 4, 468000 + (int)(n % 10000));
  sqlite3_bind_int(insert, 5, 50);
  sqlite3_bind_null(insert, 6);
  sqlite3_bind_int(insert, 7, 80);
  sqlite3_bind_int(insert, 8, 1);
  sqlite3_bind_int(insert, 9, 0);
  bare_run(db, insert);
}

int main(int argc, char **argv)
{
  long rows_per_transaction = 0, max_seconds = 0;
  if (argc != 5 || (strcmp(argv[2], "full") != 0 && strcmp(argv[2], "normal") != 0) ||
      !bare_parse_count(argv[3], &rows_per_transaction) || !bare_parse_count(argv[4], &max_seconds)) {
    fprintf(stderr, "Usage: %s DATABASE full|normal ROWS_PER_TRANSACTION MAX_SECONDS\n", argv[0]);
    return 2;
  }
  sqlite3 *db = bare_open(argv[1], argv[2]);
  sqlite3_int64 bikes[most_bikes];
  const int bike_count = choose_bikes(db, bikes);
  if (bike_count == 0) {
    fprintf(stderr, "%s: no bikes\n", argv[1]);
    return 1;
  }
  sqlite3_stmt *insert = bare_prepare(db, "INSERT OR IGNORE INTO positions(bike_id, time_ms, lat_udeg, lon_udeg, "
                                          "accuracy_dm, odometer_m, battery_pct, valid, from_gpx) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  /* Every fix is new: after the latest stored, and not before now. */
  sqlite3_stmt *latest = bare_prepare(db, "SELECT coalesce(max(time_ms), 0) + 1 FROM positions");
  const sqlite3_int64 after_latest = bare_read_all(db, latest);
  sqlite3_finalize(latest);
  const sqlite3_int64 now_ms = (sqlite3_int64)time(NULL) * 1000;
  const sqlite3_int64 first_ms = after_latest > now_ms ? after_latest : now_ms;

  sqlite3_int64 next_ms[most_bikes];
  for (int bike = 0; bike < bike_count; ++bike) next_ms[bike] = first_ms;

  const double started = bare_seconds();
  long stored = 0;
  double elapsed = 0.0;
  for (long transaction = 0; elapsed < (double)max_seconds; ++transaction) {
    const int bike = (int)(transaction % bike_count);
    bare_exec(db, "BEGIN IMMEDIATE");
    for (long row = 0; row < rows_per_transaction; ++row, ++stored) {
      insert_fix(db, insert, bikes[bike], next_ms[bike]++, stored);
    }
    bare_exec(db, "COMMIT");
    elapsed = bare_seconds() - started;
  }
  printf("bare position inserts, %ld per transaction, synchronous=%s: %ld positions in %.2f s, rate=%.1f\n",
         rows_per_transaction, argv[2], stored, elapsed, (double)stored / elapsed);
  sqlite3_finalize(insert);
  sqlite3_close_v2(db);
  return 0;
}
