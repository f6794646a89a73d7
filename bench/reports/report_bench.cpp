// Times the activity report (month × site × pay band over a year, read from the monthly rollups)
// at a given fleet size, beside a baseline measured in the same run: one SQL scan grouping the
// year's trip summaries the same way. Usage: report_bench DATABASE BIKES [--no-trips]
// With --no-trips the rollups are written without the trips they sum (for fleets whose trip
// table would not fit the machine), and the baseline is skipped.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/reports.hpp"

namespace db = pedalpower::db;
namespace domain = pedalpower::domain;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr std::int64_t year_start = 1735689600;  // 2025-01-01 00:00 UTC
constexpr std::int64_t day = 86400;
constexpr int bikes_per_site = 100;
constexpr int loans_per_bike = 4;  // 90-day loans, one after another through the year
constexpr std::array bands{"1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9", "other"};
constexpr std::array band_weights{1, 10, 14, 14, 16, 14, 12, 8, 4, 2, 1, 1, 3};
constexpr std::array modes{"car_petrol", "car_diesel", "car_hybrid", "car_electric", "bus", "rail", "walk", "cycle", ""};
constexpr std::array mode_weights{35, 15, 5, 5, 15, 5, 10, 5, 5};

/// Writes nothing: the report's own work is what is timed.
class null_writer : public domain::report_writer {
public:
  void method(std::span<const domain::method_line>) override {}
  void begin_sheet(std::string_view, std::span<const domain::report_column>) override {}
  void row(std::span<const domain::report_cell>) override { ++rows; }
  void end_sheet() override {}
  std::size_t rows = 0;
};

double ms_since(clock_type::time_point start)
{
  return std::chrono::duration<double, std::milli>(clock_type::now() - start).count();
}

/// Medians of wall-clock and of this process's CPU time: on a shared machine the CPU time is the
/// steadier of the two.
struct timing {
  double wall_ms = 0.0;
  double cpu_ms = 0.0;
};

template <typename Job>
timing median_ms(int runs, Job job)
{
  std::vector<double> walls;
  std::vector<double> cpus;
  for (int i = 0; i < runs; ++i) {
    const auto start = clock_type::now();
    const auto cpu_start = std::clock();
    job();
    cpus.push_back(1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
    walls.push_back(ms_since(start));
  }
  std::sort(walls.begin(), walls.end());
  std::sort(cpus.begin(), cpus.end());
  return {walls[walls.size() / 2], cpus[cpus.size() / 2]};
}

std::string month_of(std::int64_t at)
{
  const std::time_t t = static_cast<std::time_t>(at);
  std::tm parts{};
  gmtime_r(&t, &parts);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d", parts.tm_year + 1900, parts.tm_mon + 1);
  return text;
}

struct rider {
  std::int64_t staff_id;
  std::string band;
  std::string mode;
  int occupancy;
};

struct month_sums {
  std::int64_t trips = 0;
  std::int64_t distance_mm = 0;
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> riders;  // staff -> trips, mm
};

void build(db::connection& db, int bikes, bool with_trips)
{
  std::mt19937_64 random(42);
  std::discrete_distribution<int> band_pick(band_weights.begin(), band_weights.end());
  std::discrete_distribution<int> mode_pick(mode_weights.begin(), mode_weights.end());
  std::uniform_int_distribution<int> km_mm(3'000'000, 12'000'000);
  const int sites = std::max(1, bikes / bikes_per_site);
  // Summarised trips arrive with their rollups kept by triggers; a bulk load of a year sums them
  // once instead, the same sums the migration's backfill makes.
  db.execute_script("DROP TRIGGER trip_summary_added");
  db::transaction load(db);
  for (int s = 1; s <= sites; ++s) db.run("INSERT INTO sites(id, code, name, created_at) VALUES (?1, ?2, ?2, 0)", s, "S" + std::to_string(s));
  std::map<std::tuple<std::string, std::int64_t, std::string, std::string, int>, month_sums> rollup;
  std::int64_t staff_id = 0;
  std::int64_t loan_id = 0;
  for (int b = 1; b <= bikes; ++b) {
    const int site = (b - 1) % sites + 1;
    db.run("INSERT INTO bikes(id, asset_tag, frame_number, make, model, site_id, created_at, updated_at)"
           " VALUES (?1, ?2, ?2, 'Raleigh', 'Motus', ?3, 0, 0)",
           b, "EB" + std::to_string(b), site);
    for (int l = 0; l < loans_per_bike; ++l) {
      const rider who{++staff_id, bands[static_cast<std::size_t>(band_pick(random))],
                      modes[static_cast<std::size_t>(mode_pick(random))], 1};
      const bool car = who.mode.rfind("car_", 0) == 0;
      const int occupancy = car && random() % 5 == 0 ? 2 : 1;
      db.run("INSERT INTO staff(id, staff_number, name, pay_band, commute_mode, commute_car_occupancy, created_at,"
             " updated_at) VALUES (?1, ?2, 'Rider', ?3, NULLIF(?4, ''), ?5, 0, 0)",
             who.staff_id, "S" + std::to_string(who.staff_id), who.band, who.mode, occupancy);
      const std::int64_t out = year_start + l * 91 * day;
      db.run("INSERT INTO loans(id, staff_id, bike_id, site_id, policy_version_id, terms_version, weekly_fee_pence,"
             " deposit_pence, status, checked_out_at, due_at, returned_at, start_odometer_m, created_by)"
             " VALUES (?1, ?2, ?3, ?4, (SELECT min(id) FROM policy_versions), (SELECT min(version) FROM terms_versions),"
             " 0, 0, 'returned', ?5, ?6, ?6, 0, 'bench')",
             ++loan_id, who.staff_id, b, site, out, out + 90 * day);
      for (int d = 0; d < 90; ++d) {
        for (const int hour : {8, 17}) {
          const std::int64_t start = out + d * day + hour * 3600;
          const std::int64_t mm = km_mm(random);
          if (with_trips) {
            db.run("INSERT INTO trip_summaries(bike_id, loan_id, started_ms, ended_ms, distance_m, distance_source,"
                   " from_gpx, moving_s, position_count, summarised_at) VALUES (?1, ?2, ?3, ?3 + 1800000, ?4,"
                   " 'gps_track', 0, 1800, 300, 0)",
                   b, loan_id, start * 1000, static_cast<double>(mm) / 1000.0);
          }
          auto& sums = rollup[{month_of(start), site, who.band, who.mode, car ? occupancy : 1}];
          ++sums.trips;
          sums.distance_mm += mm;
          auto& mine = sums.riders[who.staff_id];
          ++mine.first;
          mine.second += mm;
        }
      }
    }
  }
  for (const auto& [key, sums] : rollup) {
    const auto& [month, site, band, mode, occupancy] = key;
    db.run("INSERT INTO trip_month_totals(month, site_id, pay_band, previous_mode, car_occupancy, journey, trips, riders,"
           " distance_mm, odometer_mm, gpx_mm, vehicle_mm, unobserved_mm)"
           " VALUES (?1, ?2, ?3, ?4, ?5, 'commute', ?6, ?7, ?8, 0, 0, 0, 0)",
           month, site, band, mode, occupancy, sums.trips, static_cast<std::int64_t>(sums.riders.size()), sums.distance_mm);
  }
  db.execute_script("DROP TRIGGER rider_month_counted");
  for (const auto& [key, sums] : rollup) {
    const auto& [month, site, band, mode, occupancy] = key;
    for (const auto& [staff, mine] : sums.riders) {
      db.run("INSERT INTO rider_month_trips(month, site_id, pay_band, previous_mode, car_occupancy, journey, staff_id,"
             " trips, distance_mm) VALUES (?1, ?2, ?3, ?4, ?5, 'commute', ?6, ?7, ?8)",
             month, site, band, mode, occupancy, staff, mine.first, mine.second);
    }
  }
  load.commit();
  db.execute_script("ANALYZE");
  std::printf("built: %d bikes, %d sites, %lld loans, %zu rollup rows, %lld rider-month rows%s\n", bikes, sites,
              static_cast<long long>(loan_id), rollup.size(),
              [&] {
                auto& rows = db.query("SELECT count(*) FROM rider_month_trips");
                rows.step();
                const auto n = rows.get_int(0);
                rows.reset();
                return static_cast<long long>(n);
              }(),
              with_trips ? "" : " (no trip rows)");
}

/// The year's trips grouped by month, site and band straight from trip_summaries: what a report
/// without rollups must do at the least.
std::size_t scan_trips(db::connection& db)
{
  auto& rows = db.query("SELECT strftime('%Y-%m', t.started_ms / 1000, 'unixepoch') AS month, l.site_id, s.pay_band,"
                        " count(*), count(DISTINCT l.staff_id), sum(t.distance_m) FROM trip_summaries t"
                        " JOIN loans l ON l.id = t.loan_id JOIN staff s ON s.id = l.staff_id"
                        " WHERE t.started_ms >= ?1 AND t.started_ms < ?2 GROUP BY 1, 2, 3",
                        year_start * 1000, (year_start + 365 * day) * 1000);
  std::size_t groups = 0;
  while (rows.step()) ++groups;
  return groups;
}

/// Trips a second, written one transaction each way: with the triggers keeping the rollups, and
/// into a copy of the table without them.
void time_trip_writes(db::connection& db)
{
  db.execute_script("CREATE TRIGGER trip_summary_added AFTER INSERT ON trip_summaries WHEN NEW.loan_id IS NOT NULL"
                    " BEGIN INSERT INTO trip_rollup_changes SELECT month, site_id, pay_band, previous_mode, car_occupancy,"
                    " journey, staff_id, 1, distance_mm, odometer_mm, gpx_mm, vehicle_mm, unobserved_mm"
                    " FROM trip_rollup_rows WHERE trip_id = NEW.id; END;"
                    "CREATE TRIGGER rider_month_counted AFTER INSERT ON rider_month_trips BEGIN"
                    " UPDATE trip_month_totals SET riders = riders + 1 WHERE month = NEW.month AND site_id = NEW.site_id"
                    " AND pay_band = NEW.pay_band AND previous_mode = NEW.previous_mode"
                    " AND car_occupancy = NEW.car_occupancy AND journey = NEW.journey; END;"
                    "CREATE TABLE bare_trips AS SELECT * FROM trip_summaries WHERE 0;"
                    "CREATE INDEX bare_trips_by_bike ON bare_trips(bike_id, started_ms);"
                    "CREATE INDEX bare_trips_by_loan ON bare_trips(loan_id, started_ms);");
  constexpr int trips = 20'000;
  const auto write = [&](const char* table) {
    const auto start = clock_type::now();
    db::transaction unit(db);
    for (int i = 0; i < trips; ++i) {
      db.run(std::string("INSERT INTO ") + table +
                 "(bike_id, loan_id, started_ms, ended_ms, distance_m, distance_source, from_gpx, moving_s,"
                 " position_count, summarised_at, unobserved_distance_m, vehicle_distance_m, journey)"
                 " VALUES (1, 1 + ?1 % 4, ?2, ?2 + 1800000, 5000, 'gps_track', 0, 1800, 300, 0, 0, 0, 'commute')",
             i, (year_start + (i % 360) * day) * 1000);
    }
    unit.commit();
    return trips / (ms_since(start) / 1000.0);
  };
  const double bare = write("bare_trips");
  const double kept = write("trip_summaries");
  std::printf("trip writes: %.0f trips/s keeping the rollups, %.0f trips/s without (%.2fx)\n", kept, bare, kept / bare);
}

}  // namespace

int main(int argc, char** argv)
{
  if (argc < 3) {
    std::fprintf(stderr, "usage: report_bench DATABASE BIKES [--no-trips]\n");
    return 2;
  }
  const std::string path = argv[1];
  const int bikes = std::atoi(argv[2]);
  const bool with_trips = !(argc > 3 && std::string(argv[3]) == "--no-trips");
  db::connection_options options;
  options.path = path;
  options.synchronous = db::synchronous_mode::normal;
  db::connection db(options);
  db::migrate(db);

  // A database built by an earlier run is timed again as it is.
  auto& existing = db.query("SELECT count(*) FROM bikes");
  existing.step();
  const bool built_before = existing.get_int(0) > 0;
  existing.reset();
  if (!built_before) {
    const auto start = clock_type::now();
    build(db, bikes, with_trips);
    std::printf("build took %.1f s\n", ms_since(start) / 1000.0);
  }

  domain::report_request request;
  request.from = "2025-01";
  request.to = "2025-12";
  std::size_t rows = 0;
  const auto report = median_ms(7, [&] {
    null_writer out;
    if (!domain::write_activity_report(db, request, out)) std::abort();
    rows = out.rows;
  });
  std::printf("activity report, 12 months, from rollups: %.1f ms wall, %.1f ms CPU (medians of 7), %zu rows written\n",
              report.wall_ms, report.cpu_ms, rows);
  if (with_trips) {
    std::size_t groups = 0;
    const auto scan = median_ms(3, [&] { groups = scan_trips(db); });
    std::printf("baseline, one SQL scan of the year's trip summaries: %.1f ms wall, %.1f ms CPU (medians of 3), %zu "
                "groups\n",
                scan.wall_ms, scan.cpu_ms, groups);
    std::printf("ratio: report / baseline = %.3f wall, %.3f CPU\n", report.wall_ms / scan.wall_ms,
                report.cpu_ms / scan.cpu_ms);
    if (!built_before) time_trip_writes(db);
  }
  return 0;
}
