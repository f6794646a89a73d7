#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/pay_band.hpp"
#include "pedalpower/domain/reports.hpp"
#include "reports/report_basis.hpp"
#include "reports/small_numbers.hpp"

namespace pedalpower::domain {
namespace {

struct band_shares {
  std::int64_t staff = 0;
  std::int64_t loans = 0;
  std::unordered_set<std::int64_t> riders;
  std::int64_t distance_mm = 0;
};

report_cell share_cell(double part, double whole) { return whole > 0.0 ? std::round(part / whole * 1000.0) / 1000.0 : 0.0; }

void write_shares(db::connection& db, const checked_request& checked, report_writer& out)
{
  const auto site = checked.request.site_id.value_or(0);
  std::map<std::string, band_shares> bands;
  for (const auto band : pay_bands) bands[std::string(band)];
  auto& staff = db.query("SELECT pay_band, count(*) FROM staff WHERE active = 1 GROUP BY pay_band");
  while (staff.step()) bands[staff.get_text(0)].staff = staff.get_int(1);
  auto& loans = db.query("SELECT s.pay_band, count(*) FROM loans l JOIN staff s ON s.id = l.staff_id"
                         " WHERE l.checked_out_at >= ?1 AND l.checked_out_at < ?2 AND (?3 = 0 OR l.site_id = ?3)"
                         " GROUP BY s.pay_band",
                         checked.span.from_s, checked.span.until_s, site);
  while (loans.step()) bands[loans.get_text(0)].loans = loans.get_int(1);
  auto& riders = db.query("SELECT pay_band, staff_id, distance_mm FROM rider_month_trips"
                          " WHERE journey IN ('commute', 'between_sites') AND month >= ?1 AND month <= ?2"
                          " AND (?3 = 0 OR site_id = ?3)",
                          checked.span.from, checked.span.to, site);
  while (riders.step()) {
    auto& band = bands[riders.get_text(0)];
    band.riders.insert(riders.get_int(1));
    band.distance_mm += riders.get_int(2);
  }

  band_shares all;
  for (const auto& [name, band] : bands) {
    all.staff += band.staff;
    all.loans += band.loans;
    all.riders.insert(band.riders.begin(), band.riders.end());
    all.distance_mm += band.distance_mm;
  }
  const std::vector<report_column> columns{{"pay_band", "Pay band", column_kind::text},
                                           {"staff", "Active staff", column_kind::integer},
                                           {"staff_share", "Share of staff", column_kind::decimal, 3},
                                           {"loans", "Loans", column_kind::integer},
                                           {"loans_share", "Share of loans", column_kind::decimal, 3},
                                           {"riders", "Riders", column_kind::integer},
                                           {"riders_share", "Share of riders", column_kind::decimal, 3},
                                           {"distance_km", "Distance (km)", column_kind::decimal, 3},
                                           {"distance_share", "Share of km", column_kind::decimal, 3}};
  out.begin_sheet("Shares by pay band", columns);
  // A band's loans and riders are a few people's when small: hidden as in every breakdown, with their
  // shares and km, and one more band hidden wherever the all-bands row would give a hidden one back.
  small_numbers people(checked.request.suppress_below);
  struct handles {
    std::size_t loans;
    std::size_t riders;
  };
  const auto counted = [&people](const band_shares& band, bool one_band) {
    const auto riders_count = static_cast<std::int64_t>(band.riders.size());
    handles made{one_band ? people.band_by_site(band.loans) : people.total(band.loans),
                 one_band ? people.band_by_site(riders_count) : people.total(riders_count)};
    people.hidden_together(made.loans, made.riders);
    return made;
  };
  std::vector<handles> band_handles;
  for (const auto band : pay_bands) band_handles.push_back(counted(bands.at(std::string(band)), true));
  const auto all_handles = counted(all, false);
  std::vector<std::size_t> loans_parts;
  std::vector<std::size_t> riders_parts;
  for (const auto& made : band_handles) {
    loans_parts.push_back(made.loans);
    riders_parts.push_back(made.riders);
  }
  people.adds_up(all_handles.loans, std::move(loans_parts));
  people.adds_up(all_handles.riders, std::move(riders_parts));

  const auto write = [&](const std::string& name, const band_shares& band, const handles& made) {
    const bool shown = !people.hidden(made.loans) && !people.hidden(made.riders);
    const auto figure = [shown](report_cell value) { return shown ? value : report_cell{}; };
    out.row(std::vector<report_cell>{
        name, band.staff, share_cell(static_cast<double>(band.staff), static_cast<double>(all.staff)),
        people.cell(made.loans), figure(share_cell(static_cast<double>(band.loans), static_cast<double>(all.loans))),
        people.cell(made.riders),
        figure(share_cell(static_cast<double>(band.riders.size()), static_cast<double>(all.riders.size()))),
        figure(km_cell(km(band.distance_mm))),
        figure(share_cell(static_cast<double>(band.distance_mm), static_cast<double>(all.distance_mm)))});
  };
  for (std::size_t at = 0; at < pay_bands.size(); ++at) {
    write(std::string(pay_bands[at]), bands.at(std::string(pay_bands[at])), band_handles[at]);
  }
  write("all bands", all, all_handles);
  out.end_sheet();
}

double median(std::vector<double> values)
{
  std::sort(values.begin(), values.end());
  const auto middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
}

void write_waiting_times(db::connection& db, const checked_request& checked, report_writer& out,
                         const std::map<std::int64_t, std::string>& codes)
{
  // Entries fulfilled in the period: the person got a bike at that site.
  std::map<std::pair<std::int64_t, std::string>, std::vector<double>> waits;
  auto& rows = db.query("SELECT w.site_id, s.pay_band, w.closed_at - w.joined_at FROM waitlist_entries w"
                        " JOIN staff s ON s.id = w.staff_id WHERE w.status = 'fulfilled' AND w.closed_at >= ?1"
                        " AND w.closed_at < ?2 AND (?3 = 0 OR w.site_id = ?3)",
                        checked.span.from_s, checked.span.until_s, checked.request.site_id.value_or(0));
  while (rows.step()) {
    waits[{rows.get_int(0), rows.get_text(1)}].push_back(static_cast<double>(rows.get_int(2)) /
                                                          static_cast<double>(seconds_per_day));
  }
  const std::vector<report_column> columns{{"site", "Site", column_kind::text},
                                           {"pay_band", "Pay band", column_kind::text},
                                           {"people", "People given a bike", column_kind::integer},
                                           {"median_days", "Median days waited", column_kind::decimal, 1}};
  out.begin_sheet("Waiting list to bike by band and site", columns);
  const int threshold = checked.request.suppress_below;
  for (const auto& [key, days] : waits) {
    const auto people = static_cast<std::int64_t>(days.size());
    const bool shown = people >= threshold;
    out.row(std::vector<report_cell>{codes.at(key.first), key.second, people_cell(people, threshold),
                                     shown ? report_cell(std::round(median(days) * 10.0) / 10.0) : report_cell{}});
  }
  out.end_sheet();
}

using refusal_counts = std::map<std::pair<std::string, std::string>, std::int64_t>;

/// Adds the rows of `sql` (reason, pay band, count over the report's span and site) to `counts`.
void add_refusals(db::connection& db, std::string_view sql, const checked_request& checked, refusal_counts& counts)
{
  auto& rows = db.query(sql, checked.span.from_s, checked.span.until_s, checked.request.site_id.value_or(0));
  while (rows.step()) counts[{rows.get_text(0), rows.get_text(1)}] += rows.get_int(2);
}

void write_refusals(db::connection& db, const checked_request& checked, report_writer& out)
{
  refusal_counts counts;
  add_refusals(
      db,
      "SELECT 'kiosk: ' || coalesce(json_extract(k.refusal, '$.error.code'), json_extract(k.refusal, '$.code'),"
      " 'unknown'), coalesce(s.pay_band, 'not identified'), count(*) FROM kiosk_exceptions k"
      " LEFT JOIN staff s ON s.id = k.staff_id LEFT JOIN devices d ON d.id = k.device_id"
      " WHERE k.kind IN ('checkout', 'waitlist_join') AND k.reported_at >= ?1 AND k.reported_at < ?2"
      " AND (?3 = 0 OR d.site_id = ?3) GROUP BY 1, 2",
      checked, counts);
  // A refusal of an action the kiosk had confirmed offline is a kiosk exception, counted above.
  add_refusals(db,
               "SELECT 'checkout refused online: ' || r.reason, s.pay_band, count(*) FROM checkout_refusals r"
               " JOIN staff s ON s.id = r.staff_id WHERE r.refused_at >= ?1 AND r.refused_at < ?2"
               " AND (?3 = 0 OR r.site_id = ?3) AND NOT EXISTS (SELECT 1 FROM kiosk_exceptions k"
               " WHERE k.device_id = r.device_id AND k.idempotency_key = r.idempotency_key) GROUP BY 1, 2",
               checked, counts);
  add_refusals(db,
               "SELECT 'waiting list: offer lapsed', s.pay_band, count(*) FROM waitlist_entries w"
               " JOIN staff s ON s.id = w.staff_id WHERE w.status = 'expired' AND w.closed_at >= ?1"
               " AND w.closed_at < ?2 AND (?3 = 0 OR w.site_id = ?3) GROUP BY 2",
               checked, counts);

  const std::vector<report_column> columns{{"reason", "Reason", column_kind::text},
                                           {"pay_band", "Pay band", column_kind::text},
                                           {"count", "Times", column_kind::integer}};
  out.begin_sheet("Refusals by reason and band", columns);
  for (const auto& [key, times] : counts) out.row(std::vector<report_cell>{key.first, key.second, times});
  out.end_sheet();
}

}  // namespace

outcome<done> write_equity_report(db::connection& db, const report_request& request, report_writer& out)
{
  db::savepoint snapshot(db, "equity_report");
  const auto checked = check_report_request(db, request);
  if (!checked) return checked.error();
  auto lines = opening_method_lines("Equity: loans, riders and km by pay band beside the workforce; waiting times; "
                                    "refusals",
                                    checked.value());
  lines.push_back({"Workforce", "active staff by pay band now (staff records), all sites"});
  lines.push_back({"Loans, riders, km", "loans checked out in the period; riders and km of trips summarised in it, "
                                        "commuting and between sites; each under the person's current pay band"});
  lines.push_back({"Waiting times", "days from joining a site's waiting list to the loan that fulfilled it, for "
                                    "entries fulfilled in the period; the median is left out where the count is "
                                    "suppressed"});
  lines.push_back({"Refusals", "by the refusal's code: checkouts refused when asked for online, at a kiosk or in "
                               "the admin (not eligible, no bike free, the band's limit and the like); kiosk "
                               "checkouts and waiting-list joins refused when replayed after working offline; and "
                               "waiting-list offers let lapse"});
  closing_method_lines(lines, checked.value());
  out.method(lines);
  write_shares(db, checked.value(), out);
  write_waiting_times(db, checked.value(), out, report_site_codes(db));
  write_refusals(db, checked.value(), out);
  return done{};
}

}  // namespace pedalpower::domain
