#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "pedalpower/db/statement.hpp"

struct sqlite3;

namespace pedalpower::db {

/// How hard SQLite works to survive a power cut. `full` syncs the WAL on every commit.
enum class synchronous_mode { off, normal, full };

struct connection_options {
  std::string path;  ///< a file path, or ":memory:"
  synchronous_mode synchronous = synchronous_mode::full;
  int busy_timeout_ms = 5000;
  bool read_only = false;
};

/// One open SQLite database handle in WAL mode with foreign keys on. Not thread-safe: use one per thread.
class connection {
public:
  /// Opens (creating if needed) the database. Throws db::error if it cannot be opened.
  explicit connection(const connection_options& options);
  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  /// Runs one or more SQL statements that take no parameters (DDL, PRAGMA). Throws db::error.
  void execute_script(std::string_view sql);

  /// Returns a prepared statement for `sql`, compiled once per connection and reset for reuse.
  /// The reference stays valid for the connection's life. Throws db::error on a syntax error.
  statement& prepare(std::string_view sql);

  /// Resets every cached statement but those paused between batches (statement::pause_after),
  /// which are being read on purpose. A statement stepped but not reset keeps its read transaction,
  /// and with it an old snapshot, open; a long-lived reader calls this before each use.
  void finish_reads() noexcept;

  /// Prepares, binds `args` to ?1..?N and runs `sql` to completion; returns the number of rows changed.
  template <typename... Args>
  int run(std::string_view sql, const Args&... args)
  {
    auto& st = prepare(sql);
    st.bind_all(args...);
    st.run();
    return changes();
  }

  /// Prepares, binds and returns the statement ready for `step()`; for queries that return rows.
  template <typename... Args>
  statement& query(std::string_view sql, const Args&... args)
  {
    auto& st = prepare(sql);
    st.bind_all(args...);
    return st;
  }

  /// The first column of the first row `sql` answers, as an integer: 0 when no row or NULL.
  template <typename... Args>
  std::int64_t query_int(std::string_view sql, const Args&... args)
  {
    auto& st = query(sql, args...);
    const reset_when_done done{st};
    return st.step() ? st.get_int(0) : 0;
  }

  std::int64_t last_insert_rowid() const noexcept;
  int changes() const noexcept;
  bool in_transaction() const noexcept;
  const std::string& path() const noexcept { return path_; }

private:
  sqlite3* handle_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<statement>> statements_;
};

}  // namespace pedalpower::db
