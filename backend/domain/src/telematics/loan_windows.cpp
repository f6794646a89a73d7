#include "loan_windows.hpp"

#include <algorithm>

#include "pedalpower/db/connection.hpp"

namespace pedalpower::domain {
namespace {

struct lent_span {
  std::int64_t loan_id = 0;
  std::int64_t checked_out_ms = 0;
  std::optional<std::int64_t> returned_ms;
};

}  // namespace

std::vector<loan_window> bike_loan_windows(db::connection& db, std::int64_t bike_id)
{
  std::vector<lent_span> loans;
  auto& rows = db.query("SELECT id, checked_out_at, returned_at FROM loans WHERE bike_id = ?1 ORDER BY checked_out_at, id",
                        bike_id);
  while (rows.step()) {
    const auto returned = rows.get_optional_int(2);
    loans.push_back({rows.get_int(0), rows.get_int(1) * 1000,
                     returned ? std::optional<std::int64_t>(*returned * 1000) : std::nullopt});
  }

  std::vector<loan_window> windows;
  std::int64_t covered_until = std::numeric_limits<std::int64_t>::min();
  for (std::size_t i = 0; i < loans.size(); ++i) {
    auto until = loans[i].returned_ms.value_or(std::numeric_limits<std::int64_t>::max());
    if (i + 1 < loans.size()) until = std::min(until, loans[i + 1].checked_out_ms);
    until = std::max(until, loans[i].checked_out_ms);
    if (covered_until < loans[i].checked_out_ms) windows.push_back({std::nullopt, covered_until, loans[i].checked_out_ms});
    windows.push_back({loans[i].loan_id, loans[i].checked_out_ms, until});
    covered_until = until;
  }
  if (covered_until < std::numeric_limits<std::int64_t>::max()) {
    windows.push_back({std::nullopt, covered_until, std::numeric_limits<std::int64_t>::max()});
  }
  return windows;
}

std::optional<loan_window> window_of_loan(std::span<const loan_window> windows, std::int64_t loan_id)
{
  const auto found = std::find_if(windows.begin(), windows.end(),
                                  [loan_id](const loan_window& window) { return window.loan_id == loan_id; });
  if (found == windows.end()) return std::nullopt;
  return *found;
}

}  // namespace pedalpower::domain
