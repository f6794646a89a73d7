#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

struct sqlite3;
struct sqlite3_stmt;

namespace pedalpower::db {

/// A compiled SQL statement. Parameters are bound by position (?1..?N); values never enter SQL text.
class statement {
public:
  /// Compiles `sql` on `db`. Throws db::error on a syntax error.
  statement(sqlite3* db, std::string_view sql);
  ~statement();
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;

  statement& bind(int index, std::int64_t value);
  statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
  statement& bind(int index, double value);
  statement& bind(int index, std::string_view value);
  statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  statement& bind(int index, std::nullopt_t);
  template <typename T>
  statement& bind(int index, const std::optional<T>& value)
  {
    return value ? bind(index, *value) : bind(index, std::nullopt);
  }

  /// Resets the statement and binds `args` to ?1..?N in order.
  template <typename... Args>
  statement& bind_all(const Args&... args)
  {
    reset();
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  /// Advances to the next row: true if a row is ready, false when done. Throws db::error.
  bool step();
  /// Steps until done. Throws db::error (constraint_error for constraint violations).
  void run();
  /// Rewinds the statement and clears its bindings so it can be reused; lifts any pause.
  void reset() noexcept;
  /// Makes step() answer false once `rows` more rows have been read, leaving the statement where it
  /// is, so a long result is read a batch at a time: call again for the next batch.
  void pause_after(std::int64_t rows) noexcept { rows_before_pause_ = rows; }
  /// True when the last step() answered false because of pause_after, not because the rows ran out.
  bool paused() const noexcept { return paused_; }

  bool is_null(int column) const noexcept;
  std::int64_t get_int(int column) const noexcept;
  double get_double(int column) const noexcept;
  std::string get_text(int column) const;
  /// The column's text without a copy, valid until the next step() or reset(); empty for NULL.
  std::string_view get_text_view(int column) const noexcept;
  std::optional<std::int64_t> get_optional_int(int column) const noexcept;
  std::optional<double> get_optional_double(int column) const noexcept;
  std::optional<std::string> get_optional_text(int column) const;
  int column_count() const noexcept;
  std::string column_name(int column) const;

  /// Reads the row's columns from `first` on into `fields`, one column each and in order, as each
  /// field's type asks: std::int64_t, int, bool, double, std::string, or an optional of a number or
  /// text for a column that may be NULL.
  template <typename... Fields>
  void read_from(int first, Fields&... fields) const
  {
    int column = first;
    (read_column(column++, fields), ...);
  }
  /// read_from(0, fields...): the row's columns from the first.
  template <typename... Fields>
  void read(Fields&... fields) const
  {
    read_from(0, fields...);
  }

private:
  void check(int rc) const;
  void read_column(int column, std::int64_t& field) const { field = get_int(column); }
  void read_column(int column, int& field) const { field = static_cast<int>(get_int(column)); }
  void read_column(int column, bool& field) const { field = get_int(column) != 0; }
  void read_column(int column, double& field) const { field = get_double(column); }
  void read_column(int column, std::string& field) const { field = get_text(column); }
  void read_column(int column, std::optional<std::int64_t>& field) const { field = get_optional_int(column); }
  void read_column(int column, std::optional<double>& field) const { field = get_optional_double(column); }
  void read_column(int column, std::optional<std::string>& field) const { field = get_optional_text(column); }

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::int64_t rows_before_pause_ = -1;  ///< negative: no pause
  bool paused_ = false;
};

/// Resets a statement when it goes out of scope, however the reading ends, so no read transaction is
/// left open behind an exception.
struct reset_when_done {
  statement& st;
  ~reset_when_done() { st.reset(); }
};

}  // namespace pedalpower::db
