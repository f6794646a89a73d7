#include <string>
#include <vector>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/reports.hpp"
#include "reports/report_basis.hpp"

namespace pedalpower::domain {
namespace {

struct rider {
  std::string staff_number;
  std::string previous_mode;  ///< '' when not recorded
  int car_occupancy = 1;
};

struct loan_sums {
  std::int64_t trips = 0;
  double km = 0.0;
  double avoided_kg = 0.0;
  double ebike_kg = 0.0;
  bool emissions_known = true;
};

std::optional<rider> find_rider(db::connection& db, std::int64_t staff_id)
{
  auto& row = db.query("SELECT staff_number, coalesce(commute_mode, ''),"
                       " CASE WHEN commute_mode LIKE 'car\\_%' ESCAPE '\\' THEN commute_car_occupancy ELSE 1 END"
                       " FROM staff WHERE id = ?1",
                       staff_id);
  std::optional<rider> found;
  if (row.step()) found = rider{row.get_text(0), row.get_text(1), static_cast<int>(row.get_int(2))};
  row.reset();
  return found;
}

}  // namespace

outcome<done> write_rider_statement(db::connection& db, std::int64_t staff_id, const report_request& request,
                                    report_writer& out)
{
  db::savepoint snapshot(db, "rider_statement");
  const auto checked = check_report_request(db, request);
  if (!checked) return checked.error();
  const auto person = find_rider(db, staff_id);
  if (!person) return not_found("staff_not_found", "there is no such staff member");
  report_emissions emissions(request.scope, request.ebike_wh_per_km);

  struct loan_row {
    std::int64_t id = 0;
    std::string site;
    std::string checked_out;
    std::string returned;
    loan_sums sums;
  };
  std::vector<loan_row> loans;
  auto& found = db.query("SELECT l.id, s.code, l.checked_out_at, l.returned_at FROM loans l JOIN sites s ON s.id = l.site_id"
                         " WHERE l.staff_id = ?1 AND l.checked_out_at < ?3 AND coalesce(l.returned_at, ?3) >= ?2"
                         " AND (?4 = 0 OR l.site_id = ?4) ORDER BY l.checked_out_at",
                         staff_id, checked->span.from_s, checked->span.until_s, checked->request.site_id.value_or(0));
  while (found.step()) {
    loans.push_back({found.get_int(0), found.get_text(1), utc_date(found.get_int(2)),
                     found.is_null(3) ? std::string() : utc_date(found.get_int(3)), {}});
  }
  loan_sums total;
  const auto previous_mode = recorded_mode(person->previous_mode);
  for (auto& loan : loans) {
    auto& trips = db.query("SELECT CAST(strftime('%Y', started_ms / 1000, 'unixepoch') AS INTEGER), distance_m"
                           " FROM trip_summaries"
                           " WHERE loan_id = ?1 AND started_ms >= ?2 AND started_ms < ?3",
                           loan.id, checked->span.from_s * 1000, checked->span.until_s * 1000);
    while (trips.step()) {
      const auto year = static_cast<int>(trips.get_int(0));
      const double km = trips.get_double(1) / 1000.0;
      ++loan.sums.trips;
      loan.sums.km += km;
      loan.sums.ebike_kg += km * emissions.ebike_per_km(year);
      if (const auto rate = emissions.avoided_per_km(year, previous_mode, person->car_occupancy)) {
        loan.sums.avoided_kg += km * *rate;
      } else {
        loan.sums.emissions_known = false;
      }
    }
    total.trips += loan.sums.trips;
    total.km += loan.sums.km;
    total.avoided_kg += loan.sums.avoided_kg;
    total.ebike_kg += loan.sums.ebike_kg;
    total.emissions_known = total.emissions_known && loan.sums.emissions_known;
  }

  auto lines = opening_method_lines("Rider statement: one person's loans, km and CO2e", checked.value());
  lines.push_back({"Staff number", person->staff_number});
  lines.push_back({"Previous commute", person->previous_mode.empty() ? "not recorded: no avoided emissions counted"
                                                                     : person->previous_mode});
  lines.push_back({"Trips counted", "trips on these loans, once their positions are summarised"});
  for (auto& line : emissions.method_lines()) lines.push_back(std::move(line));
  closing_method_lines(lines, checked.value());
  out.method(lines);

  const std::vector<report_column> columns{{"loan_id", "Loan", column_kind::text},
                                           {"site", "Site", column_kind::text},
                                           {"checked_out", "Checked out", column_kind::date},
                                           {"returned", "Returned", column_kind::date},
                                           {"trips", "Trips", column_kind::integer},
                                           {"distance_km", "Distance (km)", column_kind::decimal, 3},
                                           {"avoided_kg", "CO2e avoided (kg)", column_kind::decimal, 3},
                                           {"ebike_kg", "CO2e e-bike (kg)", column_kind::decimal, 3},
                                           {"net_kg", "CO2e net (kg)", column_kind::decimal, 3}};
  out.begin_sheet("Loans", columns);
  const auto write = [&](report_cell id, report_cell site, report_cell out_on, report_cell back_on, const loan_sums& sums) {
    out.row(std::vector<report_cell>{std::move(id), std::move(site), std::move(out_on), std::move(back_on), sums.trips,
                                     km_cell(sums.km), sums.emissions_known ? kg_cell(sums.avoided_kg) : report_cell{},
                                     kg_cell(sums.ebike_kg),
                                     sums.emissions_known ? kg_cell(sums.avoided_kg - sums.ebike_kg) : report_cell{}});
  };
  for (const auto& loan : loans) {
    write(std::to_string(loan.id), loan.site, loan.checked_out,
          loan.returned.empty() ? report_cell{} : report_cell(loan.returned), loan.sums);
  }
  write("all loans", report_cell{}, report_cell{}, report_cell{}, total);
  out.end_sheet();
  return done{};
}

}  // namespace pedalpower::domain
