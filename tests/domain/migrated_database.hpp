#pragma once

#include <cstdint>
#include <string>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/domain/sites.hpp"
#include "temp_database.hpp"

// Domain tests' databases: a temp file with every migration applied. Commits skip fsync here;
// durability is tested against the real server.

struct migrated_database {
  temp_database file;
  pedalpower::db::connection db{{file.path(), pedalpower::db::synchronous_mode::off}};

  migrated_database() { pedalpower::db::migrate(db); }

  /// The number a one-value query answers.
  std::int64_t count(const std::string& sql)
  {
    return db.query_int(sql);
  }
};

/// A migrated database with the Basildon and Southend hospital sites, created by `who` at `now`.
struct database_with_two_sites : migrated_database {
  std::int64_t basildon = 0;
  std::int64_t southend = 0;

  database_with_two_sites(const pedalpower::domain::actor& who, pedalpower::unix_seconds now)
  {
    basildon = pedalpower::domain::create_site(db, who, now, {"BAS", "Basildon University Hospital", ""})->id;
    southend = pedalpower::domain::create_site(db, who, now, {"SOU", "Southend University Hospital", ""})->id;
  }
};
