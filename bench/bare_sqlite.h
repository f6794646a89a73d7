/* What the bare SQLite baselines share: the connection settings the server's db layer uses, and
 * statements that stop the program on any error (a baseline that fails has no figure to give). */
#ifndef PEDALPOWER_BENCH_BARE_SQLITE_H
#define PEDALPOWER_BENCH_BARE_SQLITE_H

#include <sqlite3.h>

/* Opens `path` as db::connection does: WAL, foreign keys on, a 5 s busy timeout and `synchronous`
 * ("full" or "normal"). */
sqlite3 *bare_open(const char *path, const char *synchronous);

/* Runs SQL that takes no parameters (BEGIN IMMEDIATE, COMMIT). */
void bare_exec(sqlite3 *db, const char *sql);

/* Compiles `sql` once, to be bound and stepped many times. */
sqlite3_stmt *bare_prepare(sqlite3 *db, const char *sql);

/* Steps a statement that returns no rows, then resets it for the next use. */
void bare_run(sqlite3 *db, sqlite3_stmt *statement);

/* Steps through every row a query returns and resets it; returns the first column of the first row
 * (0 if none), so a read costs what reading it all would. */
sqlite3_int64 bare_read_all(sqlite3 *db, sqlite3_stmt *statement);

/* Seconds on a monotonic clock. */
double bare_seconds(void);

/* Whether `text` is a positive whole number; stores it in `value`. */
int bare_parse_count(const char *text, long *value);

#endif
