#pragma once

#include <string_view>
#include <vector>

namespace pedalpower::db {

class connection;

struct migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

/// The backend's schema, compiled from db/migrations in version order (the pedalpower::schema library).
const std::vector<migration>& bundled_migrations();

/// The schema version stored in the database (`PRAGMA user_version`); 0 for a new file.
int schema_version(connection& db);

/// Applies every migration newer than the database, each in its own transaction, and returns the
/// resulting version. Throws schema_too_new_error if the database is newer than `migrations`,
/// db::error if a migration fails (that migration is rolled back; earlier ones stay).
int migrate(connection& db, const std::vector<migration>& migrations = bundled_migrations());

}  // namespace pedalpower::db
