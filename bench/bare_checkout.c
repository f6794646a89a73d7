/* The floor under a checkout and a return: the statements loan_service::check_out and
 * loan_service::return_bike run for a kiosk loan with two accessories and nobody waiting, each
 * operation in its own BEGIN IMMEDIATE transaction, from one thread, with no HTTP, no JSON library,
 * no savepoints and no refusal logic. Audit rows carry JSON of the size the server writes.
 *
 * Usage: bare_checkout DATABASE full|normal MAX_OPERATIONS MAX_SECONDS
 * Lends and takes back up to 64 free bikes to staff who hold no loan, alternately, until either
 * limit is reached; prints the operations (checkouts plus returns) per second. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bare_sqlite.h"

enum { most_pairs = 64, accessory_count = 2 };

static const char *const accessories[accessory_count] = {"helmet", "lock"};

struct pair {
  sqlite3_int64 staff_id;
  sqlite3_int64 bike_id;
  sqlite3_int64 site_id;
  sqlite3_int64 loan_id; /* 0 while the bike is in */
};

struct statements {
  sqlite3_stmt *due_reservations, *staff, *bike, *terms, *policy, *policy_bands, *held_for_bike, *active_loans,
      *waiting_ahead, *free_bikes, *insert_loan, *insert_accessory, *set_bike_status, *insert_audit, *open_entries,
      *loan, *loan_accessories, *return_loan, *return_accessory, *free_bike_at_site, *queue_head;
};

#define HELD_RESERVATIONS \
  "SELECT r.id, r.bike_id, r.staff_id, r.waitlist_entry_id, r.created_at, r.expires_at, r.status " \
  "FROM reservations r WHERE r.status = 'held' "
#define WAITLIST_ENTRIES "SELECT id, staff_id, site_id, priority_tier, joined_at, status, closed_at FROM waitlist_entries "

static struct statements prepare_all(sqlite3 *db)
{
  struct statements s;
  s.due_reservations = bare_prepare(db, HELD_RESERVATIONS "AND r.expires_at <= ?1");
  s.staff = bare_prepare(db, "SELECT id, staff_number, name, email, pay_band, department, home_site_id, "
                             "induction_date, commute_mode, commute_car_occupancy, commute_distance_km, active, "
                             "badge_id FROM staff WHERE id = ?1");
  s.bike = bare_prepare(db, "SELECT id, asset_tag, frame_number, make, model, battery_serial, site_id, odometer_m, "
                            "status, status_note, updated_at FROM bikes WHERE id = ?1");
  s.terms = bare_prepare(db, "SELECT version, body, published_at FROM terms_versions WHERE published_at <= ?1 "
                             "ORDER BY published_at DESC, version DESC LIMIT 1");
  s.policy = bare_prepare(db, "SELECT id FROM policy_versions WHERE effective_from <= ?1 "
                              "ORDER BY effective_from DESC, id DESC LIMIT 1");
  s.policy_bands = bare_prepare(db, "SELECT pay_band, eligible, priority_tier, max_loan_days, weekly_fee_pence, "
                                    "deposit_pence, max_concurrent_loans, induction_required FROM policy_bands "
                                    "WHERE policy_version_id = ?1");
  s.held_for_bike = bare_prepare(db, HELD_RESERVATIONS "AND r.bike_id = ?1 AND r.expires_at > ?2");
  s.active_loans = bare_prepare(db, "SELECT count(*) FROM loans WHERE staff_id = ?1 AND status = 'active'");
  s.waiting_ahead = bare_prepare(db, "SELECT count(*) FROM waitlist_entries WHERE site_id = ?1 AND status = 'waiting' "
                                     "AND staff_id <> ?2 AND priority_tier <= ?3");
  s.free_bikes = bare_prepare(db, "SELECT count(*) FROM bikes WHERE site_id = ?1 AND status = 'available'");
  s.insert_loan = bare_prepare(db, "INSERT INTO loans(staff_id, bike_id, site_id, policy_version_id, terms_version, "
                                   "weekly_fee_pence, deposit_pence, checked_out_at, due_at, start_odometer_m, "
                                   "created_by) VALUES (?1, ?2, ?3, ?4, ?5, 0, 0, ?6, ?7, 0, ?8)");
  s.insert_accessory = bare_prepare(db, "INSERT INTO loan_accessories(loan_id, kind, issued) VALUES (?1, ?2, 1)");
  s.set_bike_status = bare_prepare(db, "UPDATE bikes SET status = ?1, status_note = ?2, updated_at = ?3 WHERE id = ?4");
  s.insert_audit = bare_prepare(db, "INSERT INTO audit_log(at, actor, action, entity, entity_id, before, after) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  s.open_entries = bare_prepare(db, WAITLIST_ENTRIES "WHERE staff_id = ?1 AND status IN ('waiting', 'offered') "
                                                     "ORDER BY joined_at, id");
  s.loan = bare_prepare(db, "SELECT loans.id, loans.staff_id, loans.bike_id, loans.site_id, loans.policy_version_id, "
                            "loans.terms_version, loans.weekly_fee_pence, loans.deposit_pence, loans.status, "
                            "loans.checked_out_at, loans.due_at, loans.start_odometer_m, loans.renewals, "
                            "loans.returned_at, loans.end_odometer_m, loans.return_condition, loans.created_by, "
                            "bikes.asset_tag, sites.code FROM loans LEFT JOIN bikes ON bikes.id = loans.bike_id "
                            "LEFT JOIN sites ON sites.id = loans.site_id WHERE loans.id = ?1");
  s.loan_accessories = bare_prepare(db, "SELECT kind, returned FROM loan_accessories WHERE loan_id = ?1 AND issued = 1 "
                                        "ORDER BY kind");
  s.return_loan = bare_prepare(db, "UPDATE loans SET status = 'returned', returned_at = ?2, end_odometer_m = NULL, "
                                   "return_condition = ?3 WHERE id = ?1");
  s.return_accessory = bare_prepare(db, "UPDATE loan_accessories SET returned = 1 WHERE loan_id = ?1 AND kind = ?2");
  s.free_bike_at_site = bare_prepare(db, "SELECT id FROM bikes WHERE site_id = ?1 AND status = 'available' "
                                         "ORDER BY id LIMIT 1");
  s.queue_head = bare_prepare(db, WAITLIST_ENTRIES "WHERE site_id = ?1 AND status = 'waiting' "
                                                   "ORDER BY priority_tier, joined_at, id LIMIT 1");
  return s;
}

static void utc_text(sqlite3_int64 at, const char *format, char *out, size_t size)
{
  const time_t seconds = (time_t)at;
  struct tm parts;
  gmtime_r(&seconds, &parts);
  strftime(out, size, format, &parts);
}

static void bind_text(sqlite3_stmt *statement, int index, const char *text)
{
  sqlite3_bind_text(statement, index, text, -1, SQLITE_TRANSIENT);
}

/* Runs a read that takes one number, such as an id, and steps through its rows. */
static sqlite3_int64 read_for(sqlite3 *db, sqlite3_stmt *statement, sqlite3_int64 key)
{
  sqlite3_bind_int64(statement, 1, key);
  return bare_read_all(db, statement);
}

/* Runs a write over the loan's accessories: issuing them at checkout, taking them back on return. */
static void each_accessory(sqlite3 *db, sqlite3_stmt *statement, sqlite3_int64 loan_id)
{
  for (int i = 0; i < accessory_count; ++i) {
    sqlite3_bind_int64(statement, 1, loan_id);
    bind_text(statement, 2, accessories[i]);
    bare_run(db, statement);
  }
}

/* The day the policy is read for and the moment the audit rows carry. */
struct moment {
  char today[16];
  char iso[32];
};

static struct moment moment_of(sqlite3_int64 now)
{
  struct moment m;
  utc_text(now, "%Y-%m-%d", m.today, sizeof m.today);
  utc_text(now, "%Y-%m-%dT%H:%M:%SZ", m.iso, sizeof m.iso);
  return m;
}

static void read_policy(sqlite3 *db, const struct statements *s, const char *today)
{
  bind_text(s->policy, 1, today);
  sqlite3_bind_int64(s->policy_bands, 1, bare_read_all(db, s->policy));
  bare_read_all(db, s->policy_bands);
}

static void read_loan(sqlite3 *db, const struct statements *s, sqlite3_int64 loan_id)
{
  read_for(db, s->loan, loan_id);
  read_for(db, s->loan_accessories, loan_id);
}

static void audit(sqlite3 *db, const struct statements *s, sqlite3_int64 now, const char *action, const char *entity,
                  sqlite3_int64 entity_id, const char *before, const char *after)
{
  char id_text[24];
  snprintf(id_text, sizeof id_text, "%lld", (long long)entity_id);
  sqlite3_bind_int64(s->insert_audit, 1, now);
  bind_text(s->insert_audit, 2, "device:2:bench-kiosk-0001/staff:BENCH-0001");
  bind_text(s->insert_audit, 3, action);
  bind_text(s->insert_audit, 4, entity);
  bind_text(s->insert_audit, 5, id_text);
  if (before) bind_text(s->insert_audit, 6, before); else sqlite3_bind_null(s->insert_audit, 6);
  bind_text(s->insert_audit, 7, after);
  bare_run(db, s->insert_audit);
}

static void bike_json(const struct pair *p, const char *status, const char *iso_now, char *out, size_t size)
{
  snprintf(out, size,
           "{\"asset_tag\":\"BN-0001\",\"battery_serial\":null,\"frame_number\":\"BENCH-FRAME-0001\",\"id\":%lld,"
           "\"make\":\"Bench\",\"model\":\"Cycle\",\"odometer_m\":0,\"site_id\":%lld,\"status\":\"%s\","
           "\"status_note\":\"\",\"updated_at\":\"%s\"}",
           (long long)p->bike_id, (long long)p->site_id, status, iso_now);
}

static void loan_json(const struct pair *p, const char *status, const char *iso_now, char *out, size_t size)
{
  snprintf(out, size,
           "{\"accessories\":[{\"kind\":\"helmet\",\"returned\":null},{\"kind\":\"lock\",\"returned\":null}],"
           "\"bike_id\":%lld,\"checked_out_at\":\"%s\",\"created_by\":\"device:2:bench-kiosk-0001/staff:BENCH-0001\","
           "\"deposit_pence\":0,\"distance_km\":null,\"due_at\":\"%s\",\"end_odometer_m\":null,\"id\":%lld,"
           "\"policy_version_id\":1,\"renewals\":0,\"return_condition\":null,\"returned_at\":null,\"site_id\":%lld,"
           "\"staff_id\":%lld,\"start_odometer_m\":0,\"status\":\"%s\",\"terms_version\":\"2025-01\","
           "\"weekly_fee_pence\":0}",
           (long long)p->bike_id, iso_now, iso_now, (long long)p->loan_id, (long long)p->site_id,
           (long long)p->staff_id, status);
}

/* The bike's status change and its audit row, as change_bike_status writes them. */
static void move_bike(sqlite3 *db, const struct statements *s, const struct pair *p, const char *from, const char *to,
                      const char *reason, sqlite3_int64 now, const char *iso_now)
{
  char before[1024], after[1024];
  bind_text(s->set_bike_status, 1, to);
  bind_text(s->set_bike_status, 2, reason);
  sqlite3_bind_int64(s->set_bike_status, 3, now);
  sqlite3_bind_int64(s->set_bike_status, 4, p->bike_id);
  bare_run(db, s->set_bike_status);
  bike_json(p, from, iso_now, before, sizeof before);
  bike_json(p, to, iso_now, after, sizeof after);
  audit(db, s, now, "bike.status", "bike", p->bike_id, before, after);
}

static void check_out(sqlite3 *db, const struct statements *s, struct pair *p, sqlite3_int64 now,
                      sqlite3_int64 policy_id, const char *terms_version)
{
  const struct moment at = moment_of(now);
  char after[1024];

  bare_exec(db, "BEGIN IMMEDIATE");
  read_for(db, s->due_reservations, now);
  read_for(db, s->bike, p->bike_id);
  read_for(db, s->staff, p->staff_id);
  read_for(db, s->terms, now);
  read_policy(db, s, at.today);
  sqlite3_bind_int64(s->held_for_bike, 2, now);
  read_for(db, s->held_for_bike, p->bike_id);
  read_for(db, s->active_loans, p->staff_id);
  sqlite3_bind_int64(s->waiting_ahead, 1, p->site_id);
  sqlite3_bind_int64(s->waiting_ahead, 2, p->staff_id);
  sqlite3_bind_int(s->waiting_ahead, 3, 1);
  bare_read_all(db, s->waiting_ahead);
  read_for(db, s->free_bikes, p->site_id);

  sqlite3_bind_int64(s->insert_loan, 1, p->staff_id);
  sqlite3_bind_int64(s->insert_loan, 2, p->bike_id);
  sqlite3_bind_int64(s->insert_loan, 3, p->site_id);
  sqlite3_bind_int64(s->insert_loan, 4, policy_id);
  bind_text(s->insert_loan, 5, terms_version);
  sqlite3_bind_int64(s->insert_loan, 6, now);
  sqlite3_bind_int64(s->insert_loan, 7, now + 90 * 86400);
  bind_text(s->insert_loan, 8, "device:2:bench-kiosk-0001/staff:BENCH-0001");
  bare_run(db, s->insert_loan);
  p->loan_id = sqlite3_last_insert_rowid(db);
  each_accessory(db, s->insert_accessory, p->loan_id);

  read_for(db, s->bike, p->bike_id);
  move_bike(db, s, p, "available", "on_loan", "loan", now, at.iso);

  read_for(db, s->open_entries, p->staff_id);
  read_loan(db, s, p->loan_id);
  loan_json(p, "active", at.iso, after, sizeof after);
  audit(db, s, now, "loan.check_out", "loan", p->loan_id, NULL, after);
  bare_exec(db, "COMMIT");
}

static void take_back(sqlite3 *db, const struct statements *s, struct pair *p, sqlite3_int64 now)
{
  const struct moment at = moment_of(now);
  char before[1024], after[1024];

  bare_exec(db, "BEGIN IMMEDIATE");
  read_for(db, s->due_reservations, now);
  read_loan(db, s, p->loan_id);
  sqlite3_bind_int64(s->return_loan, 1, p->loan_id);
  sqlite3_bind_int64(s->return_loan, 2, now);
  bind_text(s->return_loan, 3, "{\"brakes\":true,\"lights\":true,\"tyres\":true}");
  bare_run(db, s->return_loan);
  each_accessory(db, s->return_accessory, p->loan_id);

  /* return_bike reads the bike for its own checks, then change_bike_status reads it again. */
  read_for(db, s->bike, p->bike_id);
  read_for(db, s->bike, p->bike_id);
  move_bike(db, s, p, "on_loan", "available", "returned from loan", now, at.iso);

  read_loan(db, s, p->loan_id);
  loan_json(p, "active", at.iso, before, sizeof before);
  loan_json(p, "returned", at.iso, after, sizeof after);
  audit(db, s, now, "loan.return", "loan", p->loan_id, before, after);
  read_policy(db, s, at.today);
  read_for(db, s->free_bike_at_site, p->site_id);
  read_for(db, s->queue_head, p->site_id);
  bare_exec(db, "COMMIT");
  p->loan_id = 0;
}

/* Free bikes and staff without a loan, matched one to one. */
static int choose_pairs(sqlite3 *db, struct pair *pairs)
{
  sqlite3_stmt *bikes = bare_prepare(db, "SELECT id, site_id FROM bikes WHERE status = 'available' ORDER BY id LIMIT 64");
  sqlite3_stmt *staff = bare_prepare(db, "SELECT id FROM staff WHERE active = 1 AND id NOT IN "
                                         "(SELECT staff_id FROM loans WHERE status = 'active') ORDER BY id LIMIT 64");
  int count = 0;
  while (count < most_pairs && sqlite3_step(bikes) == SQLITE_ROW && sqlite3_step(staff) == SQLITE_ROW) {
    pairs[count].bike_id = sqlite3_column_int64(bikes, 0);
    pairs[count].site_id = sqlite3_column_int64(bikes, 1);
    pairs[count].staff_id = sqlite3_column_int64(staff, 0);
    pairs[count].loan_id = 0;
    ++count;
  }
  sqlite3_finalize(bikes);
  sqlite3_finalize(staff);
  return count;
}

int main(int argc, char **argv)
{
  long max_operations = 0, max_seconds = 0;
  if (argc != 5 || (strcmp(argv[2], "full") != 0 && strcmp(argv[2], "normal") != 0) ||
      !bare_parse_count(argv[3], &max_operations) || !bare_parse_count(argv[4], &max_seconds)) {
    fprintf(stderr, "Usage: %s DATABASE full|normal MAX_OPERATIONS MAX_SECONDS\n", argv[0]);
    return 2;
  }
  sqlite3 *db = bare_open(argv[1], argv[2]);
  struct pair pairs[most_pairs];
  const int pair_count = choose_pairs(db, pairs);
  if (pair_count == 0) {
    fprintf(stderr, "%s: no free bike and borrower to pair\n", argv[1]);
    return 1;
  }
  const struct statements s = prepare_all(db);
  const sqlite3_int64 now = (sqlite3_int64)time(NULL);
  char today[16];
  utc_text(now, "%Y-%m-%d", today, sizeof today);
  bind_text(s.policy, 1, today);
  const sqlite3_int64 policy_id = bare_read_all(db, s.policy);
  char terms_version[64] = "";
  sqlite3_bind_int64(s.terms, 1, now);
  if (sqlite3_step(s.terms) == SQLITE_ROW) {
    snprintf(terms_version, sizeof terms_version, "%s", (const char *)sqlite3_column_text(s.terms, 0));
  }
  sqlite3_reset(s.terms);

  const double started = bare_seconds();
  long done = 0;
  double elapsed = 0.0;
  while (done < max_operations && elapsed < (double)max_seconds) {
    struct pair *p = &pairs[(done / 2) % pair_count];
    if (p->loan_id == 0) {
      check_out(db, &s, p, (sqlite3_int64)time(NULL), policy_id, terms_version);
    } else {
      take_back(db, &s, p, (sqlite3_int64)time(NULL));
    }
    ++done;
    elapsed = bare_seconds() - started;
  }
  printf("bare checkout/return, synchronous=%s: %ld operations in %.2f s, rate=%.1f\n", argv[2], done, elapsed,
         (double)done / elapsed);
  sqlite3_close_v2(db);
  return 0;
}
