#include "pedalpower/db/transaction.hpp"

#include "pedalpower/db/connection.hpp"

namespace pedalpower::db {

transaction::transaction(connection& db) : db_(db) { db_.execute_script("BEGIN IMMEDIATE;"); }

transaction::~transaction()
{
  if (done_) return;
  try {
    db_.execute_script("ROLLBACK;");
  } catch (...) {
    // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL); nothing is left to undo.
  }
}

void transaction::commit()
{
  db_.execute_script("COMMIT;");
  done_ = true;
}

savepoint::savepoint(connection& db, std::string name) : db_(db), name_(std::move(name))
{
  db_.execute_script("SAVEPOINT \"" + name_ + "\";");
}

savepoint::~savepoint()
{
  if (done_) return;
  try {
    db_.execute_script("ROLLBACK TO \"" + name_ + "\"; RELEASE \"" + name_ + "\";");
  } catch (...) {
    // The enclosing transaction is gone already; its owner rolls back.
  }
}

void savepoint::commit()
{
  db_.execute_script("RELEASE \"" + name_ + "\";");
  done_ = true;
}

}  // namespace pedalpower::db
