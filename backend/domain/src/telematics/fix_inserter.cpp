#include "fix_inserter.hpp"

#include <algorithm>
#include <string>

#include "pedalpower/db/connection.hpp"

namespace pedalpower::domain {
namespace {

constexpr int columns = 12;
constexpr std::size_t rows_per_statement = 64;

std::string insert_sql(std::size_t rows)
{
  std::string sql =
      "INSERT OR IGNORE INTO positions(bike_id, time_ms, lat_udeg, lon_udeg, accuracy_dm, odometer_m, battery_pct,"
      " valid, from_gpx, time_estimated, follows_break, outside_area) VALUES ";
  for (std::size_t row = 0; row < rows; ++row) sql += row == 0 ? "(?,?,?,?,?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?,?,?,?,?)";
  return sql;
}

std::size_t insert_rows(db::connection& db, db::statement& insert, const bike_fix* first, std::size_t rows, bool from_gpx)
{
  insert.reset();
  for (std::size_t row = 0; row < rows; ++row) {
    const auto& [bike_id, fix] = first[row];
    const int base = static_cast<int>(row) * columns;
    insert.bind(base + 1, bike_id)
        .bind(base + 2, fix->time_ms)
        .bind(base + 3, fix->lat_udeg)
        .bind(base + 4, fix->lon_udeg)
        .bind(base + 5, fix->accuracy_dm)
        .bind(base + 6, fix->odometer_m)
        .bind(base + 7, fix->battery_pct)
        .bind(base + 8, fix->valid)
        .bind(base + 9, from_gpx)
        .bind(base + 10, fix->time_estimated)
        .bind(base + 11, fix->follows_break)
        .bind(base + 12, fix->outside_area);
  }
  insert.run();
  return static_cast<std::size_t>(db.changes());
}

}  // namespace

std::size_t insert_fixes(db::connection& db, std::vector<bike_fix>& fixes, bool from_gpx)
{
  std::sort(fixes.begin(), fixes.end(), [](const bike_fix& a, const bike_fix& b) {
    return a.bike_id != b.bike_id ? a.bike_id < b.bike_id : a.fix->time_ms < b.fix->time_ms;
  });
  static const std::string many_rows = insert_sql(rows_per_statement);
  static const std::string one_row = insert_sql(1);
  auto& insert_many = db.prepare(many_rows);
  auto& insert_one = db.prepare(one_row);

  std::size_t stored = 0;
  std::size_t next = 0;
  for (; next + rows_per_statement <= fixes.size(); next += rows_per_statement) {
    stored += insert_rows(db, insert_many, fixes.data() + next, rows_per_statement, from_gpx);
  }
  for (; next < fixes.size(); ++next) stored += insert_rows(db, insert_one, fixes.data() + next, 1, from_gpx);
  return stored;
}

}  // namespace pedalpower::domain
