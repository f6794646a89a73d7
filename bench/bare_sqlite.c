#include "bare_sqlite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void fail(sqlite3 *db, const char *what)
{
  fprintf(stderr, "%s: %s\n", what, db ? sqlite3_errmsg(db) : "out of memory");
  exit(1);
}

sqlite3 *bare_open(const char *path, const char *synchronous)
{
  sqlite3 *db = NULL;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) fail(db, path);
  sqlite3_busy_timeout(db, 5000);
  bare_exec(db, "PRAGMA journal_mode=WAL;");
  bare_exec(db, "PRAGMA foreign_keys=ON;");
  bare_exec(db, strcmp(synchronous, "normal") == 0 ? "PRAGMA synchronous=NORMAL;" : "PRAGMA synchronous=FULL;");
  return db;
}

void bare_exec(sqlite3 *db, const char *sql)
{
  if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) fail(db, sql);
}

sqlite3_stmt *bare_prepare(sqlite3 *db, const char *sql)
{
  sqlite3_stmt *statement = NULL;
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL) != SQLITE_OK) fail(db, sql);
  return statement;
}

void bare_run(sqlite3 *db, sqlite3_stmt *statement)
{
  if (sqlite3_step(statement) != SQLITE_DONE) fail(db, sqlite3_sql(statement));
  sqlite3_reset(statement);
}

sqlite3_int64 bare_read_all(sqlite3 *db, sqlite3_stmt *statement)
{
  sqlite3_int64 first = 0;
  int rows = 0;
  int step;
  while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
    if (rows++ == 0) first = sqlite3_column_int64(statement, 0);
  }
  if (step != SQLITE_DONE) fail(db, sqlite3_sql(statement));
  sqlite3_reset(statement);
  return first;
}

double bare_seconds(void)
{
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

int bare_parse_count(const char *text, long *value)
{
  char *end = NULL;
  *value = strtol(text, &end, 10);
  return end != text && *end == '\0' && *value > 0;
}
