#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/fleet_figures.hpp"
#include "pedalpower/domain/reports.hpp"
#include "reports/report_basis.hpp"

namespace pedalpower::domain {
namespace {

struct site_month {
  std::int64_t on_loan_days = 0;
  std::int64_t lendable_days = 0;
};

using site_months = std::map<std::pair<std::string, std::int64_t>, site_month>;  // month, site

/// Where the counting stops: the period's end, or now when that is sooner, since a day not yet
/// ended is neither on loan nor lendable.
unix_seconds counted_until(const checked_request& checked)
{
  return std::min(checked.span.until_s, pedalpower::current_time());
}

/// Day ends (23:59:59 UTC) within the period and before now at which a loan held its bike, by
/// month. A lost loan held it until it was marked lost.
void count_loan_days(db::connection& db, const checked_request& checked, site_months& into)
{
  const auto until = counted_until(checked);
  auto& loans = db.query(
      "SELECT b.site_id, l.checked_out_at, coalesce(l.returned_at, CASE WHEN l.status = 'lost' THEN"
      " (SELECT min(a.at) FROM audit_log a WHERE a.entity = 'loan' AND a.action = 'loan.lost'"
      " AND a.entity_id = CAST(l.id AS TEXT)) END, ?2) FROM loans l"
      " JOIN bikes b ON b.id = l.bike_id WHERE l.checked_out_at < ?2"
      " AND coalesce(l.returned_at, ?2) > ?1 AND (?3 = 0 OR b.site_id = ?3)",
      checked.span.from_s, until, checked.request.site_id.value_or(0));
  while (loans.step()) {
    const auto site = loans.get_int(0);
    const auto out = std::max(loans.get_int(1), checked.span.from_s);
    const auto back = std::min(loans.get_int(2), until);
    // The first day end at or after the checkout, then each day's end before the return.
    for (auto day_end = out - out % seconds_per_day + seconds_per_day - 1; day_end < back; day_end += seconds_per_day) {
      ++into[{utc_date(day_end).substr(0, 7), site}].on_loan_days;
    }
  }
}

/// Day ends within the period and before now at which each bike was lendable, by month.
void count_lendable_days(db::connection& db, const checked_request& checked, site_months& into)
{
  // Today's end is still to come: the last day counted is the last one that has ended.
  const auto until = counted_until(checked);
  const auto last_day_end = until - until % seconds_per_day - 1;
  for (auto start = checked.span.from_s; start <= last_day_end;) {
    const auto month = utc_date(start).substr(0, 7);
    auto next = start + 28 * seconds_per_day;
    while (utc_date(next).substr(0, 7) == month) next += seconds_per_day;
    figures_filter filter;
    filter.from = utc_date(start);
    filter.to = utc_date(std::min(next - 1, last_day_end));
    filter.site_id = checked.request.site_id;
    const auto figures = compute_fleet_figures(db, filter);
    if (figures) {
      for (const auto& group : figures->groups) into[{month, group.site_id}].lendable_days += group.lendable_days;
    }
    start = next;
  }
}

}  // namespace

outcome<done> write_fleet_use_report(db::connection& db, const report_request& request, report_writer& out)
{
  db::savepoint snapshot(db, "fleet_use_report");
  const auto checked = check_report_request(db, request);
  if (!checked) return checked.error();
  site_months months;
  count_loan_days(db, checked.value(), months);
  count_lendable_days(db, checked.value(), months);

  auto lines = opening_method_lines("Fleet use: days on loan ÷ days lendable by site and month", checked.value());
  lines.push_back({"Days", "each bike is counted at the end of each UTC day that has ended, under its site now"});
  lines.push_back({"Days on loan", "day ends at which a loan held the bike; a lost loan until it was marked lost"});
  lines.push_back({"Days lendable", "day ends at which the bike was available, reserved or on loan (not in the "
                                    "workshop, retired or lost), from the bike's status history"});
  closing_method_lines(lines, checked.value());
  out.method(lines);

  const std::vector<report_column> columns{{"month", "Month", column_kind::month},
                                           {"site", "Site", column_kind::text},
                                           {"on_loan_days", "Days on loan", column_kind::integer},
                                           {"lendable_days", "Days lendable", column_kind::integer},
                                           {"use", "On loan ÷ lendable", column_kind::decimal, 3}};
  out.begin_sheet("Fleet use by site and month", columns);
  const auto codes = report_site_codes(db);
  for (const auto& [key, days] : months) {
    out.row(std::vector<report_cell>{
        key.first, codes.at(key.second), days.on_loan_days, days.lendable_days,
        days.lendable_days > 0
            ? report_cell(std::round(static_cast<double>(days.on_loan_days) / static_cast<double>(days.lendable_days) * 1000.0) / 1000.0)
            : report_cell{}});
  }
  out.end_sheet();
  return done{};
}

}  // namespace pedalpower::domain
