#include "pedalpower/kiosk/kiosk_database.hpp"

#include "pedalpower/db/migrations.hpp"

namespace pedalpower::kiosk {
namespace {

constexpr std::string_view journal_schema = R"sql(
CREATE TABLE actions (
  seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
  idempotency_key     TEXT NOT NULL UNIQUE,
  kind                TEXT NOT NULL CHECK (kind IN ('checkout', 'return', 'waitlist_join', 'waitlist_leave')),
  payload             TEXT NOT NULL,
  staff_id            INTEGER,
  bike_tag            TEXT NOT NULL DEFAULT '',
  recorded_at         INTEGER NOT NULL,
  confirmed_offline   INTEGER NOT NULL DEFAULT 0 CHECK (confirmed_offline IN (0, 1)),
  state               TEXT NOT NULL DEFAULT 'pending'
                      CHECK (state IN ('pending', 'delivered', 'refused', 'withdrawn')),
  attempts            INTEGER NOT NULL DEFAULT 0,
  last_error          TEXT NOT NULL DEFAULT '',
  answer              TEXT,
  exception_reported  INTEGER NOT NULL DEFAULT 0 CHECK (exception_reported IN (0, 1)),
  settled_at          INTEGER
);
CREATE INDEX actions_pending ON actions(state, seq);
)sql";

constexpr std::string_view offline_cache_schema = R"sql(
CREATE TABLE cached_staff (
  staff_id        INTEGER PRIMARY KEY,
  staff_number    TEXT NOT NULL UNIQUE,
  badge_id        TEXT UNIQUE,
  name            TEXT NOT NULL,
  pin_hash        TEXT NOT NULL,
  allowance       TEXT NOT NULL,
  verified_at     INTEGER NOT NULL,
  failures        INTEGER NOT NULL DEFAULT 0,
  locked_until    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE site_snapshot (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  snapshot    TEXT NOT NULL,
  taken_at    INTEGER NOT NULL
);
)sql";

// Offline actions carry the proof of the identification the kiosk checked the PIN against; entries
// cached before proofs existed cannot vouch for anyone, so they go.
constexpr std::string_view identification_proof_schema = R"sql(
ALTER TABLE actions ADD COLUMN staff_proof TEXT NOT NULL DEFAULT '';
DELETE FROM cached_staff;
ALTER TABLE cached_staff ADD COLUMN offline_proof TEXT NOT NULL DEFAULT '';
CREATE TABLE choices (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  lists       TEXT NOT NULL,
  taken_at    INTEGER NOT NULL
);
)sql";

const std::vector<db::migration>& kiosk_migrations()
{
  static const std::vector<db::migration> steps{
      {1, "kiosk_journal", journal_schema},
      {2, "kiosk_offline_cache", offline_cache_schema},
      {3, "kiosk_identification_proofs", identification_proof_schema},
  };
  return steps;
}

}  // namespace

std::unique_ptr<db::connection> open_kiosk_database(const std::string& path)
{
  auto database = std::make_unique<db::connection>(db::connection_options{.path = path,
                                                                          .synchronous = db::synchronous_mode::full});
  db::migrate(*database, kiosk_migrations());
  return database;
}

}  // namespace pedalpower::kiosk
