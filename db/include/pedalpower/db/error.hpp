#pragma once

#include <stdexcept>
#include <string>

namespace pedalpower::db {

/// A failure reported by SQLite; `code()` is the extended result code.
class error : public std::runtime_error {
public:
  error(const std::string& message, int code) : std::runtime_error(message), code_(code) {}
  int code() const noexcept { return code_; }

private:
  int code_;
};

/// A UNIQUE, FOREIGN KEY, CHECK or NOT NULL constraint refused a write.
class constraint_error : public error {
public:
  using error::error;
};

/// The disk is full or the file could not be read or written: the storage is at fault, not the
/// request, and the same change may succeed once it is put right.
class storage_error : public error {
public:
  using error::error;
};

/// The database was written by a newer version of this program.
class schema_too_new_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

}  // namespace pedalpower::db
