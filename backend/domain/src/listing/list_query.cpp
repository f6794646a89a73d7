#include "listing/list_query.hpp"

namespace pedalpower::domain {

list_query& list_query::where(std::string_view condition, std::vector<value> values)
{
  filter_ += filter_.empty() ? " WHERE (" : " AND (";
  filter_ += condition;
  filter_ += ')';
  for (auto& bound_value : values) values_.push_back(std::move(bound_value));
  return *this;
}

db::statement& list_query::bound(db::connection& db, const std::string& sql, const page_request* wanted) const
{
  auto& statement = db.prepare(sql);
  statement.reset();
  int index = 0;
  for (const auto& bound_value : values_) {
    std::visit([&](const auto& v) { statement.bind(++index, v); }, bound_value);
  }
  if (wanted) {
    statement.bind(++index, std::int64_t{wanted->page_size});
    statement.bind(++index, std::int64_t{wanted->page - 1} * wanted->page_size);
  }
  return statement;
}

std::int64_t list_query::count(db::connection& db) const
{
  const auto from = select_.find(" FROM ");
  auto& counted = bound(db, "SELECT count(*)" + select_.substr(from) + filter_, nullptr);
  counted.step();
  const auto total = counted.get_int(0);
  counted.reset();
  return total;
}

db::statement& list_query::rows(db::connection& db, std::string_view order, const page_request* wanted) const
{
  const auto all = select_ + filter_ + std::string(order);
  if (wanted && wanted->cursor) {
    return wanted->cursor->next_batch([&]() -> db::statement& { return bound(db, all, nullptr); }, wanted->page_size);
  }
  return bound(db, wanted ? all + " LIMIT ? OFFSET ?" : all, wanted);
}

outcome<std::string> order_clause(const page_request& wanted, std::span<const sort_key> keys,
                                  std::string_view default_order, std::string_view tie_break)
{
  if (wanted.page < 1) return invalid("page", "pages are numbered from 1");
  if (wanted.page_size < 1 || wanted.page_size > max_page_size) {
    return invalid("page_size", "a page holds 1 to " + std::to_string(max_page_size) + " items");
  }
  if (wanted.sort.empty()) return " ORDER BY " + std::string(default_order);
  const bool descending = wanted.sort.front() == '-';
  const std::string_view field = descending ? std::string_view(wanted.sort).substr(1) : std::string_view(wanted.sort);
  for (const auto& key : keys) {
    if (key.field != field) continue;
    const std::string direction = descending ? " DESC" : "";
    return " ORDER BY " + std::string(key.column) + direction + ", " + std::string(tie_break) + direction;
  }
  std::string known;
  for (const auto& key : keys) known += (known.empty() ? "" : ", ") + std::string(key.field);
  return invalid("sort", "this list sorts by " + known + " (with - before a field for descending)", "unknown_sort");
}

std::string like_pattern(std::string_view text)
{
  std::string pattern = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

}  // namespace pedalpower::domain
