// Writes N trip rows to an XLSX file, either through the export library's writer (what the server
// does for an export) or with libxlsxwriter called bare with the same cells and formats, and prints
// rows per second and the process's peak memory. bench/export/run.sh runs both in one go.
//
// Usage: export_bench ours|bare ROWS FILE
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <xlsxwriter.h>

#include "pedalpower/export/file_writer.hpp"

namespace {

using namespace pedalpower;

/// One trip as a month x site x band report or a trip list would carry it.
struct trip_row {
  std::string started_at;
  std::string bike;
  std::string site;
  std::string band;
  double distance_km;
  double avoided_kg;
  double net_kg;
  std::int64_t moving_s;
};

const char* const bands[] = {"1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"};
const char* const sites[] = {"BAS", "SOU", "BRO"};

/// Row `n` of a year of trips: different cells every row, nothing read from memory that grows.
trip_row make_row(long n)
{
  const int day = static_cast<int>(n % 365);
  const int month = day / 31 % 12 + 1;
  char started[32];
  std::snprintf(started, sizeof started, "2026-%02d-%02dT%02d:%02d:%02dZ", month, day % 28 + 1, static_cast<int>(n % 24),
                static_cast<int>(n % 60), static_cast<int>(n * 7 % 60));
  const double km = 2.0 + static_cast<double>(n % 997) / 37.0;
  return {started, "EB-" + std::to_string(n % 1000), sites[n % 3], bands[n % 12], km, km * 0.17474,
          km * 0.17474 - km * 0.0019553, 300 + n % 3600};
}

long peak_memory_kb()
{
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

void write_ours(long rows, const char* path)
{
  using kind = domain::column_kind;
  const std::vector<domain::report_column> columns{
      {"started_at", "Started", kind::date}, {"bike", "Bike"},  {"site", "Site"},
      {"pay_band", "Pay band"},              {"distance_km", "Distance (km)", kind::decimal, 1},
      {"avoided_kg", "CO2e avoided (kg)", kind::decimal, 2},  {"net_kg", "Net (kg)", kind::decimal, 2},
      {"moving_s", "Moving (s)", kind::integer}};
  const std::vector<domain::method_line> method{{"Report", "bench"}};
  auto out = exports::open_file_writer(exports::file_format::xlsx, path);
  out->method(method);
  out->begin_sheet("Trips", columns);
  std::vector<domain::report_cell> cells(columns.size());
  for (long n = 0; n < rows; ++n) {
    auto row = make_row(n);
    cells[0] = std::move(row.started_at);
    cells[1] = std::move(row.bike);
    cells[2] = std::move(row.site);
    cells[3] = std::move(row.band);
    cells[4] = row.distance_km;
    cells[5] = row.avoided_kg;
    cells[6] = row.net_kg;
    cells[7] = row.moving_s;
    out->row(cells);
  }
  out->end_sheet();
  out->finish();
}

/// The same cells written straight to libxlsxwriter: the floor any export could reach.
void write_bare(long rows, const char* path)
{
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* book = workbook_new_opt(path, &options);
  lxw_worksheet* sheet = workbook_add_worksheet(book, "Trips");
  lxw_format* moment = workbook_add_format(book);
  format_set_num_format(moment, "yyyy-mm-dd hh:mm:ss");
  lxw_format* one = workbook_add_format(book);
  format_set_num_format(one, "0.0");
  lxw_format* two = workbook_add_format(book);
  format_set_num_format(two, "0.00");
  lxw_format* whole = workbook_add_format(book);
  format_set_num_format(whole, "0");
  const char* titles[] = {"Started", "Bike", "Site", "Pay band", "Distance (km)", "CO2e avoided (kg)", "Net (kg)", "Moving (s)"};
  for (lxw_col_t column = 0; column < 8; ++column) worksheet_write_string(sheet, 0, column, titles[column], nullptr);
  for (long n = 0; n < rows; ++n) {
    const auto row = make_row(n);
    const auto at = static_cast<lxw_row_t>(n + 1);
    lxw_datetime started{std::atoi(row.started_at.c_str()), std::atoi(row.started_at.c_str() + 5),
                         std::atoi(row.started_at.c_str() + 8), std::atoi(row.started_at.c_str() + 11),
                         std::atoi(row.started_at.c_str() + 14), std::atof(row.started_at.c_str() + 17)};
    worksheet_write_datetime(sheet, at, 0, &started, moment);
    worksheet_write_string(sheet, at, 1, row.bike.c_str(), nullptr);
    worksheet_write_string(sheet, at, 2, row.site.c_str(), nullptr);
    worksheet_write_string(sheet, at, 3, row.band.c_str(), nullptr);
    worksheet_write_number(sheet, at, 4, row.distance_km, one);
    worksheet_write_number(sheet, at, 5, row.avoided_kg, two);
    worksheet_write_number(sheet, at, 6, row.net_kg, two);
    worksheet_write_number(sheet, at, 7, static_cast<double>(row.moving_s), whole);
  }
  lxw_worksheet* method = workbook_add_worksheet(book, "Method");
  worksheet_write_string(method, 0, 0, "Report", nullptr);
  worksheet_write_string(method, 0, 1, "bench", nullptr);
  workbook_close(book);
}

}  // namespace

int main(int argc, char** argv)
{
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s ours|bare ROWS FILE\n", argv[0]);
    return 2;
  }
  const std::string mode = argv[1];
  const long rows = std::strtol(argv[2], nullptr, 10);
  const auto started = std::chrono::steady_clock::now();
  if (mode == "ours") {
    write_ours(rows, argv[3]);
  } else if (mode == "bare") {
    write_bare(rows, argv[3]);
  } else {
    std::fprintf(stderr, "mode must be ours or bare\n");
    return 2;
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  std::printf("%s rows=%ld seconds=%.3f rows_per_second=%.0f peak_memory_kb=%ld\n", mode.c_str(), rows, took.count(),
              static_cast<double>(rows) / took.count(), peak_memory_kb());
  return 0;
}
