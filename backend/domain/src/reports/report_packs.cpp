#include "pedalpower/domain/report_packs.hpp"

#include <array>
#include <chrono>
#include <optional>
#include <cstdio>
#include <utility>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/statement.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/distance_report_file.hpp"
#include "pedalpower/domain/notifications.hpp"
#include "pedalpower/domain/reports.hpp"
#include "pedalpower/domain/telematics_reports.hpp"

namespace pedalpower::domain {
namespace {

namespace chrono = std::chrono;

/// A claim older than this was left by a server that stopped while writing the file.
constexpr unix_seconds claim_lifetime = 3600;
constexpr std::size_t most_months_caught_up = 12;

unix_seconds start_of(chrono::sys_days day) { return chrono::duration_cast<chrono::seconds>(day.time_since_epoch()).count(); }

std::string month_name(chrono::year_month month) { return utc_date(start_of(month / 1)).substr(0, 7); }

chrono::year_month month_of(unix_seconds at)
{
  const chrono::year_month_day day{chrono::floor<chrono::days>(chrono::sys_seconds{chrono::seconds{at}})};
  return {day.year(), day.month()};
}

/// 'YYYY-MM' read strictly; nullopt when it is not a month.
std::optional<chrono::year_month> read_month(const std::string& text)
{
  int year = 0;
  unsigned month = 0;
  char tail = 0;
  if (text.size() != 7 || std::sscanf(text.c_str(), "%4d-%2u%c", &year, &month, &tail) != 2) return std::nullopt;
  const chrono::year_month found{chrono::year{year}, chrono::month{month}};
  if (!found.ok() || month_name(found) != text) return std::nullopt;
  return found;
}

/// Passes one report's sheets straight on and keeps its method lines, labelled with the report,
/// for the pack's one method at the end.
class pack_section final : public report_writer {
 public:
  pack_section(report_writer& out, std::string report, std::vector<method_line>& method)
      : out_(out), report_(std::move(report)), method_(method)
  {
  }

  void method(std::span<const method_line> lines) override
  {
    for (const auto& line : lines) method_.push_back({report_ + ": " + line.label, line.value});
  }
  void begin_sheet(std::string_view title, std::span<const report_column> columns) override
  {
    out_.begin_sheet(title, columns);
  }
  void row(std::span<const report_cell> cells) override { out_.row(cells); }
  void end_sheet() override { out_.end_sheet(); }

 private:
  report_writer& out_;
  std::string report_;
  std::vector<method_line>& method_;
};

/// 'YYYY-MM-DD' of the month's last day.
std::string last_day_of(chrono::year_month month) { return utc_date(start_of(month / chrono::last)); }

report_pack pack_of(db::statement& row)
{
  return {row.get_text(0), row.get_int(1), row.get_text(2), row.get_int(3), row.get_text(4)};
}

}  // namespace

void to_json(nlohmann::json& out, const report_pack& pack)
{
  out = nlohmann::json{{"month", pack.month},
                       {"made_at", iso8601(pack.made_at)},
                       {"size_bytes", pack.size_bytes},
                       {"sha256", pack.sha256},
                       {"download", report_pack_path(pack.month)}};
}

std::string report_pack_path(const std::string& month) { return "/api/v1/reports/packs/" + month; }

std::vector<std::string> report_pack_months_due(db::connection& db, unix_seconds now)
{
  const auto last_whole = month_of(now) - chrono::months{1};
  auto& newest = db.query("SELECT max(month) FROM report_packs WHERE status = 'ready'");
  const auto made = newest.step() ? newest.get_optional_text(0) : std::nullopt;
  newest.reset();
  auto first = last_whole;
  if (made) {
    if (const auto month = read_month(*made)) first = *month + chrono::months{1};
  }
  if (last_whole - first >= chrono::months{most_months_caught_up}) {
    first = last_whole - chrono::months{most_months_caught_up - 1};
  }
  std::vector<std::string> due;
  for (auto month = first; month <= last_whole; month += chrono::months{1}) {
    auto& claimed = db.query("SELECT 1 FROM report_packs WHERE month = ?1 AND (status = 'ready' OR claimed_at > ?2)",
                             month_name(month), now - claim_lifetime);
    const bool taken = claimed.step();
    claimed.reset();
    if (!taken) due.push_back(month_name(month));
  }
  return due;
}

bool claim_report_pack(db::connection& db, const std::string& month, unix_seconds now)
{
  return db.run("INSERT INTO report_packs(month, status, claimed_at) VALUES (?1, 'making', ?2)"
                " ON CONFLICT(month) DO UPDATE SET claimed_at = excluded.claimed_at"
                " WHERE report_packs.status = 'making' AND report_packs.claimed_at <= ?3",
                month, now, now - claim_lifetime) == 1;
}

void release_report_pack(db::connection& db, const std::string& month)
{
  db.run("DELETE FROM report_packs WHERE month = ?1 AND status = 'making'", month);
}

outcome<done> write_report_pack(db::connection& db, const std::string& month, int suppress_below, report_writer& out,
                                std::span<const method_line> stamp)
{
  const auto whole = read_month(month);
  if (!whole) return invalid("month", "month must be a month YYYY-MM");
  // One read transaction, so every report sees the same data.
  db::savepoint snapshot(db, "report_pack");
  std::vector<method_line> method{{"Pack", "the monthly report pack for " + month + " (UTC), made once after it ended"}};
  report_request wanted;
  wanted.from = month;
  wanted.to = month;
  wanted.suppress_below = suppress_below;
  using report_function = outcome<done> (*)(db::connection&, const report_request&, report_writer&);
  const std::array<std::pair<const char*, report_function>, 3> reports{
      {{"Activity", write_activity_report}, {"Equity", write_equity_report}, {"Fleet use", write_fleet_use_report}}};
  for (const auto& [name, report] : reports) {
    pack_section section(out, name, method);
    if (auto made = report(db, wanted, section); !made) return made.error();
  }
  const auto distance = distance_by_site_and_band(db, month + "-01", last_day_of(*whole), emissions_basis{}, suppress_below);
  if (!distance) return distance.error();
  pack_section section(out, "Distance", method);
  write_distance_report(distance.value(), section);
  method.insert(method.end(), stamp.begin(), stamp.end());
  out.method(method);
  return done{};
}

void record_report_pack(db::connection& db, const actor& who, unix_seconds now, const report_pack& made,
                        const std::string& link)
{
  db.run("UPDATE report_packs SET status = 'ready', made_at = ?2, file_name = ?3, size_bytes = ?4, sha256 = ?5"
         " WHERE month = ?1",
         made.month, made.made_at, made.file_name, made.size_bytes, made.sha256);
  record_audit(db, who, now, "report_pack.made", "report_pack", made.month, std::nullopt, nlohmann::json(made));
  notify_report_pack_ready(db, now, made.month, link);
}

std::vector<report_pack> list_report_packs(db::connection& db)
{
  auto& rows = db.query("SELECT month, made_at, file_name, size_bytes, sha256 FROM report_packs"
                        " WHERE status = 'ready' ORDER BY month DESC");
  std::vector<report_pack> packs;
  while (rows.step()) packs.push_back(pack_of(rows));
  rows.reset();
  return packs;
}

outcome<report_pack> find_report_pack(db::connection& db, const std::string& month)
{
  auto& row = db.query("SELECT month, made_at, file_name, size_bytes, sha256 FROM report_packs"
                       " WHERE month = ?1 AND status = 'ready'",
                       month);
  std::optional<report_pack> found;
  if (row.step()) found = pack_of(row);
  row.reset();
  if (!found) return not_found("report_pack_not_found", "no report pack is made for " + month + " yet", "month");
  return *found;
}

}  // namespace pedalpower::domain
