#include "pedalpower/db/migrations.hpp"

#include <string>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/error.hpp"
#include "pedalpower/db/transaction.hpp"

namespace pedalpower::db {

int schema_version(connection& db)
{
  auto& st = db.query("PRAGMA user_version;");
  st.step();
  const auto version = static_cast<int>(st.get_int(0));
  st.reset();
  return version;
}

int migrate(connection& db, const std::vector<migration>& migrations)
{
  const int newest_known = migrations.empty() ? 0 : migrations.back().version;
  int version = schema_version(db);
  if (version > newest_known) {
    throw schema_too_new_error("database '" + db.path() + "' has schema version " + std::to_string(version) +
                               " but this program knows only up to " + std::to_string(newest_known) +
                               "; run a newer release of Pedal Power Fleet");
  }
  for (const auto& step : migrations) {
    if (step.version <= version) continue;
    transaction tx(db);
    try {
      db.execute_script(step.sql);
    } catch (const error& failure) {
      throw error("migration " + std::string(step.name) + " failed: " + failure.what(), failure.code());
    }
    // PRAGMA takes no bound parameters; the version is an integer from our own build.
    db.execute_script("PRAGMA user_version=" + std::to_string(step.version) + ";");
    tx.commit();
    version = step.version;
  }
  return version;
}

}  // namespace pedalpower::db
