#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/listing.hpp"
#include "pedalpower/core/outcome.hpp"

namespace pedalpower::domain {

/// A field a list may be sorted by, and the SQL expression it sorts on.
struct sort_key {
  std::string_view field;
  std::string_view column;
};

/// A list's SELECT with only the filters a request gives in its WHERE clause, so SQLite can use an
/// index for each; every value is bound, never spliced into the SQL.
class list_query {
public:
  using value = std::variant<std::int64_t, double, std::string>;

  /// `select` reads the list's columns: "SELECT ... FROM bikes".
  explicit list_query(std::string select) : select_(std::move(select)) {}

  /// Adds `condition`, whose `?` placeholders take `values` in order.
  list_query& where(std::string_view condition, std::vector<value> values = {});

  /// Adds `condition` with one `?` for `wanted`, when it is given.
  template <typename T>
  list_query& where_if(const std::optional<T>& wanted, std::string_view condition)
  {
    if (wanted) where(condition, {value(*wanted)});
    return *this;
  }

  /// How many rows match.
  std::int64_t count(db::connection& db) const;

  /// The matching rows in `order` (an ORDER BY clause), the page `wanted` of them when given (the
  /// next batch of its cursor when it has one), ready to step.
  db::statement& rows(db::connection& db, std::string_view order, const page_request* wanted = nullptr) const;

private:
  db::statement& bound(db::connection& db, const std::string& sql, const page_request* wanted) const;

  std::string select_;
  std::string filter_;
  std::vector<value> values_;
};

/// The ORDER BY clause for `wanted.sort` among `keys` ("-field" descending), with `tie_break` last
/// so pages never overlap; `default_order` when no sort is asked for. Problems: invalid "sort" for a
/// field not among `keys`; invalid "page" or "page_size" out of range.
outcome<std::string> order_clause(const page_request& wanted, std::span<const sort_key> keys,
                                  std::string_view default_order, std::string_view tie_break = "id");

/// "%text%" for LIKE ... ESCAPE '\', with LIKE's own wildcards in `text` matched literally.
std::string like_pattern(std::string_view text);

/// One page of the rows `query` matches: `read_all(statement&)` turns the stepped rows into items.
/// Read through a cursor, the next batch, with no total.
template <typename T, typename ReadAll>
outcome<list_page<T>> fetch_page(db::connection& db, const list_query& query, const page_request& wanted,
                                 std::span<const sort_key> keys, std::string_view default_order, ReadAll read_all,
                                 std::string_view tie_break = "id")
{
  const auto order = order_clause(wanted, keys, default_order, tie_break);
  if (!order) return order.error();
  list_page<T> page;
  page.page = wanted.page;
  page.page_size = wanted.page_size;
  page.total = wanted.cursor ? 0 : query.count(db);
  page.items = read_all(query.rows(db, order.value(), &wanted));
  if (wanted.cursor) wanted.cursor->batch_read();
  return page;
}

}  // namespace pedalpower::domain
