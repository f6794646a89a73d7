#include <array>
#include <string>
#include <unordered_map>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/json_numbers.hpp"
#include "pedalpower/domain/loans.hpp"
#include "listing/list_query.hpp"

namespace pedalpower::domain {
namespace {

// Columns named with their table, so the same filters and orders serve every join. The bike's tag
// and the site's code, as they are now, come along so a list or a spreadsheet names them as people do.
const std::string loan_columns =
    "SELECT loans.id, loans.staff_id, loans.bike_id, loans.site_id, loans.policy_version_id, loans.terms_version, "
    "loans.weekly_fee_pence, loans.deposit_pence, loans.status, loans.checked_out_at, loans.due_at, "
    "loans.start_odometer_m, loans.renewals, loans.returned_at, loans.end_odometer_m, loans.return_condition, "
    "loans.created_by, bikes.asset_tag, sites.code";
const std::string loan_tables =
    " FROM loans LEFT JOIN bikes ON bikes.id = loans.bike_id LEFT JOIN sites ON sites.id = loans.site_id";
const std::string select_loans = loan_columns + loan_tables;
// The borrower's name and number in the same query, rather than a look-up per loan.
const std::string select_loans_with_borrowers =
    loan_columns + ", staff.name, staff.staff_number" + loan_tables + " LEFT JOIN staff ON staff.id = loans.staff_id";
constexpr int borrower_name_column = 19;

loan read_loan(const db::statement& row)
{
  loan lent;
  row.read(lent.id, lent.staff_id, lent.bike_id, lent.site_id, lent.policy_version_id, lent.terms_version,
           lent.weekly_fee_pence, lent.deposit_pence, lent.status, lent.checked_out_at, lent.due_at,
           lent.start_odometer_m, lent.renewals, lent.returned_at, lent.end_odometer_m);
  if (const auto condition = row.get_optional_text(15)) lent.return_condition = nlohmann::json::parse(*condition);
  lent.created_by = row.get_text(16);
  lent.bike_tag = row.get_optional_text(17).value_or("");
  lent.site_code = row.get_optional_text(18).value_or("");
  return lent;
}

/// The issued accessories of every loan in `found`, in one query rather than one for each loan.
void read_accessories(db::connection& db, std::vector<loan>& found)
{
  if (found.empty()) return;
  auto ids = nlohmann::json::array();
  std::unordered_map<std::int64_t, loan*> by_id;
  for (auto& lent : found) {
    ids.push_back(lent.id);
    by_id.emplace(lent.id, &lent);
  }
  auto& rows = db.query("SELECT a.loan_id, a.kind, a.returned FROM json_each(?1) AS wanted"
                        " JOIN loan_accessories a ON a.loan_id = wanted.value WHERE a.issued = 1"
                        " ORDER BY a.loan_id, a.kind",
                        ids.dump());
  while (rows.step()) {
    loan_accessory item{rows.get_text(1), std::nullopt};
    if (const auto back = rows.get_optional_int(2)) item.returned = *back != 0;
    by_id.at(rows.get_int(0))->accessories.push_back(std::move(item));
  }
}

// Reads every row first: the accessory query reuses the connection while `rows` would still be open.
std::vector<loan> read_loans(db::connection& db, db::statement& rows, borrower_names names = borrower_names::left_out)
{
  std::vector<loan> found;
  while (rows.step()) {
    found.push_back(read_loan(rows));
    if (names == borrower_names::included) {
      found.back().borrower = loan_borrower{rows.get_optional_text(borrower_name_column).value_or(""),
                                            rows.get_optional_text(borrower_name_column + 1).value_or("")};
    }
  }
  read_accessories(db, found);
  return found;
}

list_query loan_query(const loan_filter& filter, borrower_names names = borrower_names::left_out)
{
  list_query query{names == borrower_names::included ? select_loans_with_borrowers : select_loans};
  query.where_if(filter.staff_id, "loans.staff_id = ?");
  query.where_if(filter.bike_id, "loans.bike_id = ?");
  query.where_if(filter.site_id, "loans.site_id = ?");
  query.where_if(filter.status, "loans.status = ?");
  if (filter.overdue_at) query.where("loans.status = 'active' AND loans.due_at < ?", {*filter.overdue_at});
  if (filter.due_between) {
    query.where("loans.status = 'active' AND loans.due_at >= ? AND loans.due_at < ?",
                {filter.due_between->first, filter.due_between->second});
  }
  return query;
}

}  // namespace

std::optional<double> loan::distance_km() const
{
  if (!end_odometer_m) return std::nullopt;
  return static_cast<double>(*end_odometer_m - start_odometer_m) / 1000.0;
}

void to_json(nlohmann::json& out, const loan& lent)
{
  auto accessories = nlohmann::json::array();
  for (const auto& item : lent.accessories) {
    accessories.push_back({{"kind", item.kind},
                           {"returned", item.returned ? nlohmann::json(*item.returned) : nlohmann::json(nullptr)}});
  }
  const auto optional_value = [](const auto& value) { return value ? nlohmann::json(*value) : nlohmann::json(nullptr); };
  out = {
      {"id", lent.id},
      {"staff_id", lent.staff_id},
      {"bike_id", lent.bike_id},
      {"bike_tag", lent.bike_tag},
      {"site_id", lent.site_id},
      {"site_code", lent.site_code},
      {"policy_version_id", lent.policy_version_id},
      {"terms_version", lent.terms_version},
      {"weekly_fee_pence", lent.weekly_fee_pence},
      {"deposit_pence", lent.deposit_pence},
      {"status", lent.status},
      {"checked_out_at", iso8601(lent.checked_out_at)},
      {"due_at", iso8601(lent.due_at)},
      {"start_odometer_m", lent.start_odometer_m},
      {"renewals", lent.renewals},
      {"returned_at", lent.returned_at ? nlohmann::json(iso8601(*lent.returned_at)) : nlohmann::json(nullptr)},
      {"end_odometer_m", optional_value(lent.end_odometer_m)},
      {"distance_km", lent.distance_km() ? nlohmann::json(km_for_json(*lent.distance_km())) : nlohmann::json(nullptr)},
      {"return_condition", optional_value(lent.return_condition)},
      {"accessories", std::move(accessories)},
      {"created_by", lent.created_by},
  };
  if (lent.borrower) {
    out["staff_name"] = lent.borrower->name;
    out["staff_number"] = lent.borrower->staff_number;
  }
}

outcome<loan> find_loan(db::connection& db, std::int64_t loan_id)
{
  static const std::string sql = select_loans + " WHERE loans.id = ?1";
  auto& rows = db.query(sql, loan_id);
  auto found = read_loans(db, rows);
  if (found.empty()) return not_found("loan_not_found", "There is no such loan.");
  return std::move(found.front());
}

std::vector<loan> list_loans(db::connection& db, const loan_filter& filter)
{
  return read_loans(db, loan_query(filter).rows(db, " ORDER BY loans.checked_out_at DESC, loans.id DESC"));
}

outcome<list_page<loan>> list_loans(db::connection& db, const loan_filter& filter, const page_request& wanted,
                                    borrower_names names)
{
  static constexpr std::array<sort_key, 8> keys{{{"checked_out_at", "loans.checked_out_at"},
                                                 {"due_at", "loans.due_at"},
                                                 {"returned_at", "loans.returned_at"},
                                                 {"staff_id", "loans.staff_id"},
                                                 {"bike_id", "loans.bike_id"},
                                                 {"site_id", "loans.site_id"},
                                                 {"status", "loans.status"},
                                                 {"id", "loans.id"}}};
  const auto default_order = filter.overdue_at ? "loans.due_at, loans.id" : "loans.checked_out_at DESC, loans.id DESC";
  return fetch_page<loan>(db, loan_query(filter, names), wanted, keys, default_order,
                          [&db, names](db::statement& rows) { return read_loans(db, rows, names); }, "loans.id");
}

std::vector<loan> overdue_loans(db::connection& db, unix_seconds now)
{
  loan_filter overdue;
  overdue.overdue_at = now;
  return read_loans(db, loan_query(overdue).rows(db, " ORDER BY loans.due_at, loans.id"));
}

int active_loan_count(db::connection& db, std::int64_t staff_id)
{
  auto& rows = db.query("SELECT count(*) FROM loans WHERE staff_id = ?1 AND status = 'active'", staff_id);
  rows.step();
  const auto count = static_cast<int>(rows.get_int(0));
  rows.reset();
  return count;
}

}  // namespace pedalpower::domain
