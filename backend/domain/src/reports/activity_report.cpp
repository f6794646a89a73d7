#include <array>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <algorithm>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/reports.hpp"
#include "reports/report_basis.hpp"
#include "reports/small_numbers.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::array journeys{"commute", "between_sites"};

/// Sums of one row of a sheet.
struct figures {
  std::int64_t loans = 0;
  std::int64_t trips = 0;
  std::int64_t riders = 0;
  std::int64_t distance_mm = 0;
  std::int64_t unknown_mode_mm = 0;
  std::int64_t vehicle_mm = 0;
  std::int64_t unobserved_mm = 0;
  double avoided_kg = 0.0;
  double ebike_kg = 0.0;

  void add(const figures& other)
  {
    loans += other.loans;
    trips += other.trips;
    distance_mm += other.distance_mm;
    unknown_mode_mm += other.unknown_mode_mm;
    vehicle_mm += other.vehicle_mm;
    unobserved_mm += other.unobserved_mm;
    avoided_kg += other.avoided_kg;
    ebike_kg += other.ebike_kg;
  }
};

/// Distinct riders every way a sheet totals them: people cannot be summed across rows. A rider
/// has one pay band and one previous mode (the rollups follow their current ones), so a rider met
/// for the first time in the period counts once for their band and mode, and one met for the first
/// time in a month once for that month and mode.
struct rider_groups {
  std::map<std::string, std::int64_t> by_month;
  std::map<std::int64_t, std::int64_t> by_site;
  std::map<std::string, std::int64_t> by_band;
  std::map<std::pair<std::string, std::string>, std::int64_t> by_month_and_mode;
  std::map<std::string, std::int64_t> by_mode;
  std::int64_t all = 0;
};

struct completeness {
  std::int64_t distance_mm = 0;
  std::int64_t odometer_mm = 0;
  std::int64_t gpx_mm = 0;
  std::int64_t unknown_mode_mm = 0;
  std::int64_t vehicle_mm = 0;
  std::int64_t unobserved_mm = 0;
};

double km(std::int64_t mm) { return static_cast<double>(mm) / 1e6; }

/// The site asked for, or 0 for all: queries filter with "(?N = 0 OR site_id = ?N)".
std::int64_t site_or_zero(const checked_request& checked) { return checked.request.site_id.value_or(0); }

completeness completeness_of(db::connection& db, const checked_request& checked)
{
  auto& rows = db.query("SELECT coalesce(sum(distance_mm), 0), coalesce(sum(odometer_mm), 0), coalesce(sum(gpx_mm), 0),"
                        " coalesce(sum(CASE WHEN previous_mode = '' THEN distance_mm ELSE 0 END), 0),"
                        " coalesce(sum(vehicle_mm), 0), coalesce(sum(unobserved_mm), 0)"
                        " FROM trip_month_totals WHERE journey IN ('commute', 'between_sites') AND month >= ?1"
                        " AND month <= ?2 AND (?3 = 0 OR site_id = ?3)",
                        checked.span.from, checked.span.to, site_or_zero(checked));
  rows.step();
  completeness sums{rows.get_int(0), rows.get_int(1), rows.get_int(2), rows.get_int(3), rows.get_int(4), rows.get_int(5)};
  rows.reset();
  return sums;
}

std::vector<method_line> method_of(const checked_request& checked, const completeness& sums,
                                   const report_emissions& emissions)
{
  auto lines = opening_method_lines("Activity: km, trips, riders, loans and CO2e by month, site and pay band", checked);
  lines.push_back({"Journeys", "commuting is GHG Protocol Scope 3 category 7; a trip that starts and ends at two "
                               "different scheme sites is business travel, category 6, on a sheet of its own"});
  lines.push_back({"Trips counted", "trips on loans, once their positions are summarised (after the positions' "
                                    "retention period); each counts under its loan's site and its rider's current pay "
                                    "band and previous commute"});
  lines.push_back({"Loans", "loans checked out in the month, under the loan's site and the borrower's pay band"});
  for (auto& line : emissions.method_lines()) lines.push_back(std::move(line));
  const double all = static_cast<double>(sums.distance_mm);
  const double tracked = static_cast<double>(sums.distance_mm - sums.odometer_mm);
  lines.push_back({"Data completeness", percent_text(tracked, all) + " of km from GPS tracks (" +
                                            percent_text(static_cast<double>(sums.gpx_mm), all) +
                                            " from GPX files riders attached), " +
                                            percent_text(static_cast<double>(sums.odometer_mm), all) +
                                            " from odometers; previous commute recorded (the commute survey) for " +
                                            percent_text(all - static_cast<double>(sums.unknown_mode_mm), all) +
                                            " of km (no emissions counted for the rest); left out as a car or train " +
                                            std::to_string(km(sums.vehicle_mm)) + " km, not observed " +
                                            std::to_string(km(sums.unobserved_mm)) + " km"});
  closing_method_lines(lines, checked);
  return lines;
}

std::int64_t largest_staff_id(db::connection& db)
{
  auto& row = db.query("SELECT coalesce(max(staff_id), 0) FROM rider_month_trips");
  row.step();
  const auto largest = row.get_int(0);
  row.reset();
  return largest;
}

rider_groups riders_of(db::connection& db, const checked_request& checked, const std::string& journey)
{
  rider_groups groups;
  const auto ids = static_cast<std::size_t>(largest_staff_id(db)) + 1;
  std::vector<bool> seen(ids);
  std::vector<bool> seen_in_month(ids);
  std::vector<std::pair<std::int64_t, std::int64_t>> site_riders;  // site, staff
  std::string month;
  auto& rows = db.query("SELECT month, site_id, pay_band, previous_mode, staff_id FROM rider_month_trips"
                        " WHERE journey = ?3 AND month >= ?1 AND month <= ?2 AND (?4 = 0 OR site_id = ?4)",
                        checked.span.from, checked.span.to, journey, site_or_zero(checked));
  while (rows.step()) {
    // Rows come in month order: the key's first column after the journey.
    if (auto row_month = rows.get_text(0); row_month != month) {
      month = std::move(row_month);
      std::fill(seen_in_month.begin(), seen_in_month.end(), false);
    }
    const auto staff_id = rows.get_int(4);
    const auto id = static_cast<std::size_t>(staff_id);
    site_riders.emplace_back(rows.get_int(1), staff_id);
    if (seen_in_month[id]) continue;
    seen_in_month[id] = true;
    const auto mode = rows.get_text(3);
    ++groups.by_month[month];
    ++groups.by_month_and_mode[{month, mode}];
    if (seen[id]) continue;
    seen[id] = true;
    ++groups.all;
    ++groups.by_band[rows.get_text(2)];
    ++groups.by_mode[mode];
  }
  std::sort(site_riders.begin(), site_riders.end());
  site_riders.erase(std::unique(site_riders.begin(), site_riders.end()), site_riders.end());
  for (const auto& [site, staff] : site_riders) ++groups.by_site[site];
  return groups;
}

using cell_key = std::tuple<std::string, std::int64_t, std::string>;  // month, site, band

struct sheet_data {
  std::map<cell_key, figures> cells;
  std::map<std::pair<std::string, std::string>, figures> by_month_and_mode;
};

sheet_data figures_of(db::connection& db, const checked_request& checked, const std::string& journey,
                      report_emissions& emissions)
{
  sheet_data data;
  auto& rows = db.query("SELECT month, site_id, pay_band, previous_mode, car_occupancy, trips, riders, distance_mm,"
                        " vehicle_mm, unobserved_mm FROM trip_month_totals"
                        " WHERE journey = ?3 AND month >= ?1 AND month <= ?2 AND (?4 = 0 OR site_id = ?4)",
                        checked.span.from, checked.span.to, journey, site_or_zero(checked));
  while (rows.step()) {
    const auto month = rows.get_text(0);
    const auto mode = rows.get_text(3);
    figures part;
    rows.read_from(5, part.trips, part.riders, part.distance_mm, part.vehicle_mm, part.unobserved_mm);
    if (const auto rate = emissions.avoided_per_km(month, mode, static_cast<int>(rows.get_int(4)))) {
      part.avoided_kg = km(part.distance_mm) * *rate;
    } else {
      part.unknown_mode_mm = part.distance_mm;
    }
    part.ebike_kg = km(part.distance_mm) * emissions.ebike_per_km(month);
    auto& cell = data.cells[{month, rows.get_int(1), rows.get_text(2)}];
    cell.add(part);
    cell.riders += part.riders;  // one band and one previous mode per rider: these rows never share a rider
    auto& by_mode = data.by_month_and_mode[{month, mode}];
    by_mode.add(part);
  }
  return data;
}

void add_loans(db::connection& db, const checked_request& checked, sheet_data& data)
{
  // In checkout order, so each loan's month is found by walking the month starts forward.
  auto& rows = db.query("SELECT l.checked_out_at, l.site_id, s.pay_band FROM loans l JOIN staff s ON s.id = l.staff_id"
                        " WHERE l.checked_out_at >= ?1 AND l.checked_out_at < ?2 AND (?3 = 0 OR l.site_id = ?3)"
                        " ORDER BY l.checked_out_at",
                        checked.span.from_s, checked.span.until_s, site_or_zero(checked));
  const auto& starts = checked.span.month_starts;
  std::size_t month = 0;
  while (rows.step()) {
    const auto at = rows.get_int(0);
    while (month + 1 < starts.size() && starts[month + 1] <= at) ++month;
    ++data.cells[{checked.span.month_names[month], rows.get_int(1), rows.get_text(2)}].loans;
  }
}

std::vector<report_column> activity_columns(bool with_loans)
{
  std::vector<report_column> columns{{"level", "Row", column_kind::text},
                                     {"month", "Month", column_kind::month},
                                     {"site", "Site", column_kind::text},
                                     {"pay_band", "Pay band", column_kind::text}};
  if (with_loans) columns.push_back({"loans", "Loans", column_kind::integer});
  for (auto column : std::initializer_list<report_column>{{"trips", "Trips", column_kind::integer},
                                                          {"riders", "Riders", column_kind::integer},
                                                          {"distance_km", "Distance (km)", column_kind::decimal, 3},
                                                          {"avoided_kg", "CO2e avoided (kg)", column_kind::decimal, 3},
                                                          {"ebike_kg", "CO2e e-bike (kg)", column_kind::decimal, 3},
                                                          {"net_kg", "CO2e net (kg)", column_kind::decimal, 3},
                                                          {"unknown_mode_km", "Km, previous mode not recorded",
                                                           column_kind::decimal, 3},
                                                          {"vehicle_km", "Km left out: car or train", column_kind::decimal, 3},
                                                          {"unobserved_km", "Km not observed", column_kind::decimal, 3}}) {
    columns.push_back(std::move(column));
  }
  return columns;
}

/// One row of a breakdown sheet, held until the small numbers of the whole sheet are settled.
struct pending_row {
  std::string level;
  std::string month;
  std::string site;
  std::string band;
  figures sums;
  std::size_t loans = 0;   ///< handles in the sheet's small_numbers
  std::size_t riders = 0;
};

void write_row(report_writer& out, bool with_loans, const pending_row& row, small_numbers& people)
{
  const auto& sums = row.sums;
  // Built whole: GCC 12 misreads a variant moved by push_back as uninitialised.
  std::vector<report_cell> cells{row.level,
                                 row.month,
                                 row.site,
                                 row.band,
                                 people.cell(row.loans),
                                 sums.trips,
                                 people.cell(row.riders),
                                 km_cell(km(sums.distance_mm)),
                                 kg_cell(sums.avoided_kg),
                                 kg_cell(sums.ebike_kg),
                                 kg_cell(sums.avoided_kg - sums.ebike_kg),
                                 km_cell(km(sums.unknown_mode_mm)),
                                 km_cell(km(sums.vehicle_mm)),
                                 km_cell(km(sums.unobserved_mm))};
  constexpr std::size_t loans_at = 4;
  std::span<const report_cell> shown(cells);
  if (with_loans) {
    out.row(shown);
  } else {
    std::vector<report_cell> without_loans(shown.begin(), shown.begin() + loans_at);
    without_loans.insert(without_loans.end(), shown.begin() + loans_at + 1, shown.end());
    out.row(without_loans);
  }
}

/// The count kept for `key`, 0 when none rode.
template <typename Map, typename Key>
std::int64_t count_of(const Map& counts, const Key& key)
{
  const auto found = counts.find(key);
  return found == counts.end() ? 0 : found->second;
}

/// The rows of a breakdown sheet and which of their counts of people add up to which. Loans add up
/// every way. Riders add up only across the bands of one site and month (a person has one band);
/// the other rider totals count distinct people, who may ride in several months or from two sites.
class breakdown_rows {
public:
  explicit breakdown_rows(int suppress_below) : people_(suppress_below) {}

  std::size_t detail(const std::string& month, const std::string& site, const std::string& band, const figures& sums)
  {
    return add("detail", month, site, band, sums, true);
  }
  std::size_t subtotal(const std::string& month, const std::string& site, const std::string& band, const figures& sums)
  {
    return add("subtotal", month, site, band, sums, false);
  }
  std::size_t total(const std::string& month, const figures& sums)
  {
    return add("total", month, "all sites", "all bands", sums, false);
  }

  /// Row `sum` holds the loans of `parts`, and their riders too when `riders_add_up`. A count of
  /// distinct riders drawn from only one part with riders is that part's count, so it is tied to
  /// the parts then too: a hidden count is never shown again as such a total.
  void adds_up(std::size_t sum, const std::vector<std::size_t>& parts, bool riders_add_up)
  {
    std::vector<std::size_t> loans;
    std::vector<std::size_t> riders;
    std::size_t parts_with_riders = 0;
    for (const auto part : parts) {
      loans.push_back(rows_[part].loans);
      riders.push_back(rows_[part].riders);
      if (rows_[part].sums.riders > 0) ++parts_with_riders;
    }
    people_.adds_up(rows_[sum].loans, std::move(loans));
    if (riders_add_up || parts_with_riders <= 1) people_.adds_up(rows_[sum].riders, std::move(riders));
  }

  void write(report_writer& out, bool with_loans)
  {
    for (const auto& row : rows_) write_row(out, with_loans, row, people_);
  }

private:
  std::size_t add(std::string level, const std::string& month, const std::string& site, const std::string& band,
                  const figures& sums, bool band_by_site)
  {
    const auto loans = band_by_site ? people_.band_by_site(sums.loans) : people_.total(sums.loans);
    const auto riders = band_by_site ? people_.band_by_site(sums.riders) : people_.total(sums.riders);
    rows_.push_back({std::move(level), month, site, band, sums, loans, riders});
    return rows_.size() - 1;
  }

  small_numbers people_;
  std::vector<pending_row> rows_;
};

void write_breakdown(report_writer& out, const std::string& title, bool with_loans, const sheet_data& data,
                     const rider_groups& riders, const std::map<std::int64_t, std::string>& codes, int suppress_below)
{
  out.begin_sheet(title, activity_columns(with_loans));
  const std::string all_bands = "all bands";
  const std::string all_sites = "all sites";
  breakdown_rows rows(suppress_below);
  std::map<std::int64_t, std::pair<figures, std::vector<std::size_t>>> by_site;  // each month's site subtotals
  std::map<std::string, std::pair<figures, std::vector<std::size_t>>> by_band;   // the band's detail rows
  figures everything;
  std::vector<std::size_t> month_totals;
  for (auto cell = data.cells.begin(); cell != data.cells.end();) {
    const auto& month = std::get<0>(cell->first);
    figures month_sums;
    std::vector<std::size_t> site_subtotals;
    while (cell != data.cells.end() && std::get<0>(cell->first) == month) {
      const auto site_id = std::get<1>(cell->first);
      figures site_sums;
      std::vector<std::size_t> details;
      for (; cell != data.cells.end() && std::get<0>(cell->first) == month && std::get<1>(cell->first) == site_id; ++cell) {
        const auto& band = std::get<2>(cell->first);
        const auto detail = rows.detail(month, codes.at(site_id), band, cell->second);
        details.push_back(detail);
        site_sums.add(cell->second);
        site_sums.riders += cell->second.riders;
        by_band[band].first.add(cell->second);
        by_band[band].second.push_back(detail);
      }
      const auto subtotal = rows.subtotal(month, codes.at(site_id), all_bands, site_sums);
      rows.adds_up(subtotal, details, true);
      site_subtotals.push_back(subtotal);
      by_site[site_id].first.add(site_sums);
      by_site[site_id].second.push_back(subtotal);
      month_sums.add(site_sums);
    }
    month_sums.riders = count_of(riders.by_month, month);
    const auto month_total = rows.total(month, month_sums);
    rows.adds_up(month_total, site_subtotals, false);
    month_totals.push_back(month_total);
    everything.add(month_sums);
  }
  const std::string period = "all months";
  std::vector<std::size_t> site_periods;
  for (auto& [site_id, found] : by_site) {
    auto& [sums, subtotals] = found;
    sums.riders = count_of(riders.by_site, site_id);
    site_periods.push_back(rows.subtotal(period, codes.at(site_id), all_bands, sums));
    rows.adds_up(site_periods.back(), subtotals, false);
  }
  std::vector<std::size_t> band_periods;
  for (auto& [band, found] : by_band) {
    auto& [sums, details] = found;
    sums.riders = count_of(riders.by_band, band);
    band_periods.push_back(rows.subtotal(period, all_sites, band, sums));
    rows.adds_up(band_periods.back(), details, false);
  }
  everything.riders = riders.all;
  const auto grand_total = rows.total(period, everything);
  rows.adds_up(grand_total, month_totals, false);
  rows.adds_up(grand_total, site_periods, false);
  rows.adds_up(grand_total, band_periods, false);
  rows.write(out, with_loans);
  out.end_sheet();
}

void write_by_mode(report_writer& out, const sheet_data& commuting, const rider_groups& riders)
{
  std::vector<report_column> columns{{"month", "Month", column_kind::month},
                                     {"previous_mode", "Previous mode", column_kind::text},
                                     {"trips", "Trips", column_kind::integer},
                                     {"riders", "Riders", column_kind::integer},
                                     {"distance_km", "Distance (km)", column_kind::decimal, 3},
                                     {"avoided_kg", "CO2e avoided (kg)", column_kind::decimal, 3},
                                     {"ebike_kg", "CO2e e-bike (kg)", column_kind::decimal, 3},
                                     {"net_kg", "CO2e net (kg)", column_kind::decimal, 3}};
  out.begin_sheet("Commuting by previous mode", columns);
  std::map<std::string, figures> by_mode;
  const auto mode_name = [](const std::string& mode) { return mode.empty() ? std::string("not recorded") : mode; };
  const auto write = [&](const std::string& month, const std::string& mode, const figures& sums, std::int64_t people) {
    out.row(std::vector<report_cell>{month, mode_name(mode), sums.trips, people, km_cell(km(sums.distance_mm)),
                                     kg_cell(sums.avoided_kg), kg_cell(sums.ebike_kg),
                                     kg_cell(sums.avoided_kg - sums.ebike_kg)});
  };
  for (const auto& [key, sums] : commuting.by_month_and_mode) {
    write(key.first, key.second, sums, count_of(riders.by_month_and_mode, key));
    by_mode[key.second].add(sums);
  }
  for (const auto& [mode, sums] : by_mode) {
    write("all months", mode, sums, count_of(riders.by_mode, mode));
  }
  out.end_sheet();
}

}  // namespace

outcome<done> write_activity_report(db::connection& db, const report_request& request, report_writer& out)
{
  // One read transaction, so every sheet sees the same trips.
  db::savepoint snapshot(db, "activity_report");
  const auto checked = check_report_request(db, request);
  if (!checked) return checked.error();
  report_emissions emissions(request.scope, request.ebike_wh_per_km);
  const auto codes = report_site_codes(db);

  auto commuting = figures_of(db, checked.value(), journeys[0], emissions);
  add_loans(db, checked.value(), commuting);
  const auto between_sites = figures_of(db, checked.value(), journeys[1], emissions);
  const auto commuting_riders = riders_of(db, checked.value(), journeys[0]);
  const auto between_sites_riders = riders_of(db, checked.value(), journeys[1]);

  out.method(method_of(checked.value(), completeness_of(db, checked.value()), emissions));
  write_breakdown(out, "Commuting (Scope 3 category 7)", true, commuting, commuting_riders, codes, request.suppress_below);
  write_breakdown(out, "Between sites (Scope 3 category 6)", false, between_sites, between_sites_riders, codes,
                  request.suppress_below);
  write_by_mode(out, commuting, commuting_riders);
  return done{};
}

}  // namespace pedalpower::domain
