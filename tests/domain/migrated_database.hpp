#pragma once

#include <cstdint>
#include <string>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
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
