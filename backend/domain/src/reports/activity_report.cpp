#include <map>
#include <string>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/reports.hpp"
#include "reports/activity_figures.hpp"
#include "reports/report_basis.hpp"
#include "reports/small_numbers.hpp"

namespace pedalpower::domain {
namespace {

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
  const double all = static_cast<double>(sums.all.distance_mm);
  const double tracked = static_cast<double>(sums.all.distance_mm - sums.odometer_mm);
  lines.push_back({"Data completeness", percent_text(tracked, all) + " of km from GPS tracks (" +
                                            percent_text(static_cast<double>(sums.gpx_mm), all) +
                                            " from GPX files riders attached), " +
                                            percent_text(static_cast<double>(sums.odometer_mm), all) +
                                            " from odometers; previous commute recorded (the commute survey) for " +
                                            percent_text(all - static_cast<double>(sums.all.unknown_mode_mm), all) +
                                            " of km (no emissions counted for the rest); left out as a car or train " +
                                            std::to_string(km(sums.all.vehicle_mm)) + " km, not observed " +
                                            std::to_string(km(sums.all.unobserved_mm)) + " km"});
  closing_method_lines(lines, checked);
  return lines;
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
  // The trips, km and CO2e of a few people are theirs: left out wherever their count is hidden.
  const bool figures_shown = !people.hidden(row.loans) && !people.hidden(row.riders);
  const auto figure = [figures_shown](report_cell value) { return figures_shown ? value : report_cell{}; };
  // Built whole: GCC 12 misreads a variant moved by push_back as uninitialised.
  std::vector<report_cell> cells{row.level,
                                 row.month,
                                 row.site,
                                 row.band,
                                 people.cell(row.loans),
                                 figure(sums.trips),
                                 people.cell(row.riders),
                                 figure(km_cell(km(sums.distance_mm))),
                                 figure(kg_cell(sums.avoided_kg)),
                                 figure(kg_cell(sums.ebike_kg)),
                                 figure(kg_cell(sums.avoided_kg - sums.ebike_kg)),
                                 figure(km_cell(km(sums.unknown_mode_mm))),
                                 figure(km_cell(km(sums.vehicle_mm))),
                                 figure(km_cell(km(sums.unobserved_mm)))};
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
  /// A band's row over every site: its counts are of that band's people, hidden when small like a detail's.
  std::size_t band_subtotal(const std::string& month, const std::string& band, const figures& sums)
  {
    return add("subtotal", month, "all sites", band, sums, true);
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
    people_.hidden_together(loans, riders);
    rows_.push_back({std::move(level), month, site, band, sums, loans, riders});
    return rows_.size() - 1;
  }

  small_numbers people_;
  std::vector<pending_row> rows_;
};

/// What a breakdown sheet names its rows by.
struct sheet_names {
  const std::vector<std::string>& months;
  const std::map<std::int64_t, std::string>& sites;
};

void write_breakdown(report_writer& out, const std::string& title, bool with_loans, const journey_figures& journey,
                     const sheet_names& names, int suppress_below)
{
  out.begin_sheet(title, activity_columns(with_loans));
  const std::string all_bands = "all bands";
  const auto& riders = journey.riders;
  breakdown_rows rows(suppress_below);
  std::map<std::int64_t, std::pair<figures, std::vector<std::size_t>>> by_site;  // each month's site subtotals
  std::map<std::size_t, std::pair<figures, std::vector<std::size_t>>> by_band;   // the band's detail rows
  figures everything;
  std::vector<std::size_t> month_totals;
  const auto& cells = journey.sheet.cells;
  for (auto cell = cells.begin(); cell != cells.end();) {
    const auto month_at = cell->first.month;
    const auto& month = names.months.at(month_at);
    figures month_sums;
    std::vector<std::size_t> site_subtotals;
    while (cell != cells.end() && cell->first.month == month_at) {
      const auto site_id = cell->first.site;
      const auto& site = names.sites.at(site_id);
      figures site_sums;
      std::vector<std::size_t> details;
      for (; cell != cells.end() && cell->first.month == month_at && cell->first.site == site_id; ++cell) {
        const auto band = cell->first.band;
        const auto detail = rows.detail(month, site, std::string(pay_bands[band]), cell->second);
        details.push_back(detail);
        site_sums.add(cell->second);
        site_sums.riders += cell->second.riders;
        by_band[band].first.add(cell->second);
        by_band[band].second.push_back(detail);
      }
      const auto subtotal = rows.subtotal(month, site, all_bands, site_sums);
      rows.adds_up(subtotal, details, true);
      site_subtotals.push_back(subtotal);
      by_site[site_id].first.add(site_sums);
      by_site[site_id].second.push_back(subtotal);
      month_sums.add(site_sums);
    }
    month_sums.riders = riders.by_month.at(month_at);
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
    site_periods.push_back(rows.subtotal(period, names.sites.at(site_id), all_bands, sums));
    rows.adds_up(site_periods.back(), subtotals, false);
  }
  std::vector<std::size_t> band_periods;
  for (auto& [band, found] : by_band) {
    auto& [sums, details] = found;
    sums.riders = riders.by_band.at(band);
    band_periods.push_back(rows.band_subtotal(period, std::string(pay_bands[band]), sums));
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

void write_by_mode(report_writer& out, const journey_figures& commuting, const std::vector<std::string>& months)
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
  std::map<int, figures> by_mode;
  const auto write = [&](const std::string& month, int mode, const figures& sums, std::int64_t people) {
    out.row(std::vector<report_cell>{month, previous_mode_name(mode), sums.trips, people,
                                     km_cell(km(sums.distance_mm)), kg_cell(sums.avoided_kg), kg_cell(sums.ebike_kg),
                                     kg_cell(sums.avoided_kg - sums.ebike_kg)});
  };
  for (const auto& [key, sums] : commuting.sheet.by_month_and_mode) {
    write(months.at(key.month), key.mode, sums, count_of(commuting.riders.by_month_and_mode, key));
    by_mode[key.mode].add(sums);
  }
  for (const auto& [mode, sums] : by_mode) {
    write("all months", mode, sums, count_of(commuting.riders.by_mode, mode));
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
  const auto figures = read_activity_figures(db, checked.value(), emissions);

  const sheet_names names{checked.value().span.month_names, codes};
  out.method(method_of(checked.value(), figures.sources, emissions));
  write_breakdown(out, "Commuting (Scope 3 category 7)", true, figures.commuting, names, request.suppress_below);
  write_breakdown(out, "Between sites (Scope 3 category 6)", false, figures.between_sites, names,
                  request.suppress_below);
  write_by_mode(out, figures.commuting, names.months);
  return done{};
}

}  // namespace pedalpower::domain
