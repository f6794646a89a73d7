#pragma once

#include <string>

namespace pedalpower::db {

class connection;

/// BEGIN IMMEDIATE on construction; rolls back on destruction unless `commit()` was called.
class transaction {
public:
  /// Takes the write lock now, so the transaction cannot fail later on a lock upgrade. Throws db::error.
  explicit transaction(connection& db);
  ~transaction();
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;

  /// Commits. Throws db::error; the transaction is then rolled back by the destructor.
  void commit();

private:
  connection& db_;
  bool done_ = false;
};

/// A nested unit inside a transaction: released by `commit()`, rolled back to on destruction otherwise.
class savepoint {
public:
  savepoint(connection& db, std::string name);
  ~savepoint();
  savepoint(const savepoint&) = delete;
  savepoint& operator=(const savepoint&) = delete;

  void commit();

private:
  connection& db_;
  std::string name_;
  bool done_ = false;
};

}  // namespace pedalpower::db
