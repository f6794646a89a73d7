#include "pedalpower/db/statement.hpp"

#include <sqlite3.h>

#include "pedalpower/db/error.hpp"

namespace pedalpower::db {

statement::statement(sqlite3* db, std::string_view sql) : db_(db)
{
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                    &stmt_, nullptr);
  if (rc != SQLITE_OK) throw error(std::string(sqlite3_errmsg(db_)) + " in: " + std::string(sql), rc);
}

statement::~statement() { sqlite3_finalize(stmt_); }

void statement::check(int rc) const
{
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  std::string message = sqlite3_errmsg(db_);
  if ((rc & 0xff) == SQLITE_CONSTRAINT) throw constraint_error(message, rc);
  if ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR) throw storage_error(message, rc);
  throw error(message, rc);
}

statement& statement::bind(int index, std::int64_t value)
{
  check(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

statement& statement::bind(int index, double value)
{
  check(sqlite3_bind_double(stmt_, index, value));
  return *this;
}

statement& statement::bind(int index, std::string_view value)
{
  check(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

statement& statement::bind(int index, std::nullopt_t)
{
  check(sqlite3_bind_null(stmt_, index));
  return *this;
}

bool statement::step()
{
  paused_ = rows_before_pause_ == 0;
  if (paused_) return false;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    if (rows_before_pause_ > 0) --rows_before_pause_;
    return true;
  }
  if (rc == SQLITE_DONE) return false;
  // sqlite3_step's own code is generic after a failure; the reset returns the precise one.
  const int detailed = sqlite3_reset(stmt_);
  check(detailed != SQLITE_OK ? detailed : rc);
  return false;
}

void statement::run()
{
  while (step()) {
  }
}

void statement::reset() noexcept
{
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  rows_before_pause_ = -1;
  paused_ = false;
}

bool statement::is_null(int column) const noexcept { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::int64_t statement::get_int(int column) const noexcept { return sqlite3_column_int64(stmt_, column); }

double statement::get_double(int column) const noexcept { return sqlite3_column_double(stmt_, column); }

std::string statement::get_text(int column) const { return std::string(get_text_view(column)); }

std::string_view statement::get_text_view(int column) const noexcept
{
  const auto* text = sqlite3_column_text(stmt_, column);
  if (!text) return {};
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::optional<std::int64_t> statement::get_optional_int(int column) const noexcept
{
  if (is_null(column)) return std::nullopt;
  return get_int(column);
}

std::optional<double> statement::get_optional_double(int column) const noexcept
{
  if (is_null(column)) return std::nullopt;
  return get_double(column);
}

std::optional<std::string> statement::get_optional_text(int column) const
{
  if (is_null(column)) return std::nullopt;
  return get_text(column);
}

int statement::column_count() const noexcept { return sqlite3_column_count(stmt_); }

std::string statement::column_name(int column) const { return sqlite3_column_name(stmt_, column); }

}  // namespace pedalpower::db
