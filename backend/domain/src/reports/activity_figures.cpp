#include "reports/activity_figures.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "pedalpower/db/connection.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::string_view commuting = "commute";
constexpr std::string_view between_sites = "between_sites";

/// The site asked for, or 0 for all: queries filter with "(?N = 0 OR site_id = ?N)".
std::int64_t site_or_zero(const checked_request& checked) { return checked.request.site_id.value_or(0); }

std::size_t band_position(std::string_view band)
{
  const auto found = std::find(pay_bands.begin(), pay_bands.end(), band);
  // The schema holds staff to these bands, and the rollups copy them.
  if (found == pay_bands.end()) throw std::runtime_error("a rollup row holds an unknown pay band");
  return static_cast<std::size_t>(found - pay_bands.begin());
}

int mode_code(std::optional<telematics::travel_mode> mode) { return mode ? static_cast<int>(*mode) : mode_not_recorded; }

/// The months of rollup rows, read by queries that keep to the span. Rows come in runs of one
/// month, so the last month met is kept rather than read again.
class month_reader {
public:
  explicit month_reader(const month_span& span) : span_(span) {}

  std::size_t position(std::string_view month)
  {
    if (month != last_) {
      const auto found = span_.position_of(month);
      if (!found) throw std::runtime_error("a rollup row's month is outside the report's span");
      last_ = month;
      position_ = *found;
    }
    return position_;
  }

private:
  const month_span& span_;
  std::string last_;
  std::size_t position_ = 0;
};

/// The rows `select` reads from a journey's monthly rollup, for the report's months and site.
db::statement& journey_rows(db::connection& db, const checked_request& checked, std::string_view journey,
                            std::string_view select, std::string_view order = "")
{
  return db.query(std::string(select) +
                      " WHERE journey = ?3 AND month >= ?1 AND month <= ?2 AND (?4 = 0 OR site_id = ?4)" +
                      std::string(order),
                  checked.span.from, checked.span.to, journey, site_or_zero(checked));
}

sheet_figures sheet_of(db::connection& db, const checked_request& checked, std::string_view journey,
                       report_emissions& emissions, completeness& sources)
{
  sheet_figures sheet;
  month_reader months(checked.span);
  auto& rows = journey_rows(db, checked, journey,
                            "SELECT month, site_id, pay_band, previous_mode, car_occupancy, trips, riders, distance_mm,"
                            " odometer_mm, gpx_mm, vehicle_mm, unobserved_mm FROM trip_month_totals");
  while (rows.step()) {
    const auto month = months.position(rows.get_text_view(0));
    const auto year = checked.span.year_at(month);
    const auto mode = recorded_mode(rows.get_text_view(3));
    figures part;
    std::int64_t odometer_mm = 0;
    std::int64_t gpx_mm = 0;
    rows.read_from(5, part.trips, part.riders, part.distance_mm, odometer_mm, gpx_mm, part.vehicle_mm,
                   part.unobserved_mm);
    if (const auto rate = emissions.avoided_per_km(year, mode, static_cast<int>(rows.get_int(4)))) {
      part.avoided_kg = km(part.distance_mm) * *rate;
    } else {
      part.unknown_mode_mm = part.distance_mm;
    }
    part.ebike_kg = km(part.distance_mm) * emissions.ebike_per_km(year);
    auto& cell = sheet.cells[{month, rows.get_int(1), band_position(rows.get_text_view(2))}];
    cell.add(part);
    cell.riders += part.riders;  // one band and one previous mode per rider: these rows never share a rider
    sheet.by_month_and_mode[{month, mode_code(mode)}].add(part);

    sources.all.add(part);
    sources.odometer_mm += odometer_mm;
    sources.gpx_mm += gpx_mm;
  }
  return sheet;
}

void add_loans(db::connection& db, const checked_request& checked, sheet_figures& sheet)
{
  auto& rows = db.query("SELECT month, site_id, pay_band, loans FROM loan_month_totals"
                        " WHERE month >= ?1 AND month <= ?2 AND (?3 = 0 OR site_id = ?3)",
                        checked.span.from, checked.span.to, site_or_zero(checked));
  month_reader months(checked.span);
  while (rows.step()) {
    const cell_key key{months.position(rows.get_text_view(0)), rows.get_int(1),
                       band_position(rows.get_text_view(2))};
    sheet.cells[key].loans += rows.get_int(3);
  }
}

std::int64_t largest_staff_id(db::connection& db)
{
  return db.query_int("SELECT coalesce(max(staff_id), 0) FROM rider_month_trips");
}

rider_counts riders_of(db::connection& db, const checked_request& checked, std::string_view journey)
{
  rider_counts counts;
  counts.by_month.assign(static_cast<std::size_t>(checked.span.months), 0);
  const auto ids = static_cast<std::size_t>(largest_staff_id(db)) + 1;
  std::vector<bool> seen(ids);
  std::vector<std::size_t> last_month_seen(ids);  // the month's position + 1; 0 before the first
  // Most riders ride from one site: the first is kept by person, any other in a set.
  std::vector<std::int64_t> first_site(ids);
  std::set<std::pair<std::int64_t, std::int64_t>> other_sites;  // site, staff
  month_reader months(checked.span);
  // In month order, which the loop counts on; the key leads with the journey and month, so it is free.
  auto& rows = journey_rows(db, checked, journey,
                            "SELECT month, site_id, pay_band, previous_mode, staff_id FROM rider_month_trips",
                            " ORDER BY month");
  while (rows.step()) {
    const auto staff_id = rows.get_int(4);
    const auto id = static_cast<std::size_t>(staff_id);
    const auto site = rows.get_int(1);
    if (first_site[id] == 0) {
      first_site[id] = site;
      ++counts.by_site[site];
    } else if (first_site[id] != site && other_sites.emplace(site, staff_id).second) {
      ++counts.by_site[site];
    }
    const auto month = months.position(rows.get_text_view(0));
    if (last_month_seen[id] == month + 1) continue;
    last_month_seen[id] = month + 1;
    const auto mode = mode_code(recorded_mode(rows.get_text_view(3)));
    ++counts.by_month[month];
    ++counts.by_month_and_mode[{month, mode}];
    if (seen[id]) continue;
    seen[id] = true;
    ++counts.all;
    ++counts.by_band[band_position(rows.get_text_view(2))];
    ++counts.by_mode[mode];
  }
  return counts;
}

}  // namespace

void figures::add(const figures& other)
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

std::string previous_mode_name(int mode)
{
  if (mode == mode_not_recorded) return "not recorded";
  return std::string(telematics::to_string(static_cast<telematics::travel_mode>(mode)));
}

activity_figures read_activity_figures(db::connection& db, const checked_request& checked,
                                       report_emissions& emissions)
{
  activity_figures figures;
  figures.commuting.sheet = sheet_of(db, checked, commuting, emissions, figures.sources);
  add_loans(db, checked, figures.commuting.sheet);
  figures.commuting.riders = riders_of(db, checked, commuting);
  figures.between_sites.sheet = sheet_of(db, checked, between_sites, emissions, figures.sources);
  figures.between_sites.riders = riders_of(db, checked, between_sites);
  return figures;
}

}  // namespace pedalpower::domain
