#include "pedalpower/db/connection.hpp"

#include <sqlite3.h>

#include "pedalpower/db/error.hpp"

namespace pedalpower::db {
namespace {

std::string_view synchronous_pragma(synchronous_mode mode)
{
  switch (mode) {
    case synchronous_mode::off: return "PRAGMA synchronous=OFF;";
    case synchronous_mode::normal: return "PRAGMA synchronous=NORMAL;";
    case synchronous_mode::full: break;
  }
  return "PRAGMA synchronous=FULL;";
}

}  // namespace

connection::connection(const connection_options& options) : path_(options.path)
{
  const int flags = (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  const int rc = sqlite3_open_v2(options.path.c_str(), &handle_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "cannot open database '" + options.path + "': " +
                          (handle_ ? sqlite3_errmsg(handle_) : sqlite3_errstr(rc));
    sqlite3_close(handle_);
    throw error(message, rc);
  }
  sqlite3_extended_result_codes(handle_, 1);
  sqlite3_busy_timeout(handle_, options.busy_timeout_ms);
  try {
    if (!options.read_only) execute_script("PRAGMA journal_mode=WAL;");
    execute_script("PRAGMA foreign_keys=ON;");
    execute_script(synchronous_pragma(options.synchronous));
  } catch (...) {
    sqlite3_close(handle_);
    throw;
  }
}

connection::~connection()
{
  statements_.clear();
  sqlite3_close(handle_);
}

void connection::execute_script(std::string_view sql)
{
  char* message = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string what = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    if ((rc & 0xff) == SQLITE_CONSTRAINT) throw constraint_error(what, rc);
    if ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR) throw storage_error(what, rc);
    throw error(what, rc);
  }
}

statement& connection::prepare(std::string_view sql)
{
  auto found = statements_.find(std::string(sql));
  if (found == statements_.end()) {
    found = statements_.emplace(std::string(sql), std::make_unique<statement>(handle_, sql)).first;
  }
  found->second->reset();
  return *found->second;
}

void connection::finish_reads() noexcept
{
  for (auto& cached : statements_) {
    if (!cached.second->paused()) cached.second->reset();
  }
}

std::int64_t connection::last_insert_rowid() const noexcept { return sqlite3_last_insert_rowid(handle_); }

int connection::changes() const noexcept { return sqlite3_changes(handle_); }

bool connection::in_transaction() const noexcept { return sqlite3_get_autocommit(handle_) == 0; }

}  // namespace pedalpower::db
