#include "pedalpower/domain/policy.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/pay_band.hpp"

namespace pedalpower::domain {
namespace {

std::size_t band_position(std::string_view band)
{
  return static_cast<std::size_t>(std::find(pay_bands.begin(), pay_bands.end(), band) - pay_bands.begin());
}

std::vector<band_rule> load_bands(db::connection& db, std::int64_t version_id)
{
  std::vector<band_rule> bands;
  auto& rows = db.query(
      "SELECT pay_band, eligible, priority_tier, max_loan_days, weekly_fee_pence, deposit_pence, "
      "max_concurrent_loans, induction_required FROM policy_bands WHERE policy_version_id = ?1",
      version_id);
  while (rows.step()) {
    band_rule rule;
    rows.read(rule.pay_band, rule.eligible, rule.priority_tier, rule.max_loan_days, rule.weekly_fee_pence,
              rule.deposit_pence, rule.max_concurrent_loans, rule.induction_required);
    bands.push_back(std::move(rule));
  }
  std::sort(bands.begin(), bands.end(), [](const band_rule& a, const band_rule& b) {
    return band_position(a.pay_band) < band_position(b.pay_band);
  });
  return bands;
}

}  // namespace

std::optional<band_rule> policy_version::rule_for(std::string_view pay_band) const
{
  const auto found = std::find_if(bands.begin(), bands.end(), [&](const band_rule& rule) { return rule.pay_band == pay_band; });
  if (found == bands.end()) return std::nullopt;
  return *found;
}

void to_json(nlohmann::json& out, const band_rule& value)
{
  out = {{"pay_band", value.pay_band},
         {"eligible", value.eligible},
         {"priority_tier", value.priority_tier},
         {"max_loan_days", value.max_loan_days},
         {"weekly_fee_pence", value.weekly_fee_pence},
         {"deposit_pence", value.deposit_pence},
         {"max_concurrent_loans", value.max_concurrent_loans},
         {"induction_required", value.induction_required}};
}

void to_json(nlohmann::json& out, const policy_version& value)
{
  out = {{"id", value.id},
         {"effective_from", value.effective_from},
         {"reservation_hold_hours", value.reservation_hold_hours},
         {"min_charge_pct", value.min_charge_pct},
         {"note", value.note},
         {"bands", value.bands}};
}

outcome<policy_version> find_policy_version(db::connection& db, std::int64_t id)
{
  auto& row = db.query(
      "SELECT id, effective_from, reservation_hold_hours, note, min_charge_pct FROM policy_versions WHERE id = ?1", id);
  if (!row.step()) return not_found("policy_not_found", "there is no policy version " + std::to_string(id));
  policy_version version;
  row.read(version.id, version.effective_from, version.reservation_hold_hours, version.note, version.min_charge_pct);
  row.reset();
  version.bands = load_bands(db, id);
  return version;
}

outcome<policy_version> policy_in_force(db::connection& db, const std::string& date)
{
  if (!is_valid_date(date)) return invalid("date", "a date is written YYYY-MM-DD");
  auto& row = db.query(
      "SELECT id FROM policy_versions WHERE effective_from <= ?1 ORDER BY effective_from DESC, id DESC LIMIT 1", date);
  if (!row.step()) return not_found("no_policy_in_force", "no pay-band policy is in force on " + date);
  const auto id = row.get_int(0);
  row.reset();
  return find_policy_version(db, id);
}

}  // namespace pedalpower::domain
