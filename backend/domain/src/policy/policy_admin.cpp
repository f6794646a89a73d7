#include "pedalpower/domain/policy_admin.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "listing/list_query.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/pay_band.hpp"
#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::domain {
namespace {

struct bounds {
  std::int64_t low;
  std::int64_t high;
};

// Wide enough for any scheme we have seen, narrow enough to catch a typing slip.
constexpr bounds hold_hours_bounds{1, 168};
constexpr bounds priority_tier_bounds{1, 9};
constexpr bounds loan_days_bounds{1, 366};
constexpr bounds fee_pence_bounds{0, 100'000};
constexpr bounds deposit_pence_bounds{0, 100'000};
constexpr bounds concurrent_loans_bounds{0, 5};
constexpr bounds charge_pct_bounds{0, 100};

std::optional<problem> outside(std::int64_t value, bounds allowed, const std::string& field)
{
  if (value >= allowed.low && value <= allowed.high) return std::nullopt;
  return invalid(field, field + " must be " + std::to_string(allowed.low) + " to " + std::to_string(allowed.high));
}

std::optional<problem> check_band_rule(band_rule& rule, const std::string& at)
{
  const auto band = normalise_pay_band(rule.pay_band);
  if (!band) return invalid(at + ".pay_band", "no such pay band", "unknown_pay_band");
  rule.pay_band = std::string(*band);
  if (auto broken = outside(rule.priority_tier, priority_tier_bounds, at + ".priority_tier")) return broken;
  if (auto broken = outside(rule.max_loan_days, loan_days_bounds, at + ".max_loan_days")) return broken;
  if (auto broken = outside(rule.weekly_fee_pence, fee_pence_bounds, at + ".weekly_fee_pence")) return broken;
  if (auto broken = outside(rule.deposit_pence, deposit_pence_bounds, at + ".deposit_pence")) return broken;
  return outside(rule.max_concurrent_loans, concurrent_loans_bounds, at + ".max_concurrent_loans");
}

/// Tidies `draft` in place and returns the first rule it breaks, if any.
std::optional<problem> check_draft(db::connection& db, unix_seconds now, policy_version& draft, std::int64_t own_id)
{
  draft.effective_from = trimmed(draft.effective_from);
  draft.note = trimmed(draft.note);
  if (!is_valid_date(draft.effective_from)) return invalid("effective_from", "a date is written YYYY-MM-DD");
  if (draft.effective_from < utc_date(now)) {
    return invalid("effective_from", "a new policy takes effect today or later; past versions are history",
                   "effective_in_past");
  }
  if (auto broken = outside(draft.reservation_hold_hours, hold_hours_bounds, "reservation_hold_hours")) return broken;
  if (auto broken = outside(draft.min_charge_pct, charge_pct_bounds, "min_charge_pct")) return broken;
  if (draft.note.size() > 500) return invalid("note", "a note is at most 500 characters");
  if (draft.bands.size() != pay_bands.size()) {
    return invalid("bands", "a policy has one rule for each of the 13 pay bands", "incomplete_bands");
  }
  for (std::size_t i = 0; i < draft.bands.size(); ++i) {
    if (auto broken = check_band_rule(draft.bands[i], "bands[" + std::to_string(i) + "]")) return broken;
    for (std::size_t j = 0; j < i; ++j) {
      if (draft.bands[j].pay_band == draft.bands[i].pay_band) {
        return invalid("bands[" + std::to_string(i) + "].pay_band", "band " + draft.bands[i].pay_band + " appears twice",
                       "duplicate_band");
      }
    }
  }
  auto& clash = db.query("SELECT 1 FROM policy_versions WHERE effective_from = ?1 AND id <> ?2", draft.effective_from,
                         own_id);
  const bool taken = clash.step();
  clash.reset();
  if (taken) {
    return conflict("policy_date_taken", "another policy version already takes effect on " + draft.effective_from,
                    "effective_from");
  }
  return std::nullopt;
}

void insert_bands(db::connection& db, const policy_version& version)
{
  for (const auto& rule : version.bands) {
    db.run("INSERT INTO policy_bands(policy_version_id, pay_band, eligible, priority_tier, max_loan_days, "
           "weekly_fee_pence, deposit_pence, max_concurrent_loans, induction_required) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
           version.id, rule.pay_band, rule.eligible, rule.priority_tier, rule.max_loan_days, rule.weekly_fee_pence,
           rule.deposit_pence, rule.max_concurrent_loans, rule.induction_required);
  }
}

/// The version `id` if it has not taken effect yet; versions in force, past or present, are history.
outcome<policy_version> find_changeable(db::connection& db, unix_seconds now, std::int64_t id)
{
  auto version = find_policy_version(db, id);
  if (version && version->effective_from <= utc_date(now)) {
    return conflict("policy_in_force", "policy version " + std::to_string(id) + " took effect on " +
                                           version->effective_from + " and can no longer change");
  }
  return version;
}

}  // namespace

outcome<policy_version> create_policy_version(db::connection& db, const actor& who, unix_seconds now,
                                              policy_version draft)
{
  if (auto broken = check_draft(db, now, draft, 0)) return *broken;
  db::savepoint unit(db, "create_policy_version");
  db.run("INSERT INTO policy_versions(effective_from, reservation_hold_hours, note, created_by, created_at, "
         "min_charge_pct) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
         draft.effective_from, draft.reservation_hold_hours, draft.note, who.label, now, draft.min_charge_pct);
  draft.id = db.last_insert_rowid();
  insert_bands(db, draft);
  record_creation(db, who, now, "policy.create", "policy_version", draft);
  unit.commit();
  return find_policy_version(db, draft.id);
}

outcome<policy_version> replace_policy_version(db::connection& db, const actor& who, unix_seconds now,
                                               std::int64_t id, policy_version draft)
{
  const auto before = find_changeable(db, now, id);
  if (!before) return before.error();
  if (auto broken = check_draft(db, now, draft, id)) return *broken;
  draft.id = id;
  db::savepoint unit(db, "replace_policy_version");
  db.run("UPDATE policy_versions SET effective_from = ?1, reservation_hold_hours = ?2, note = ?3, created_by = ?4, "
         "created_at = ?5, min_charge_pct = ?7 WHERE id = ?6",
         draft.effective_from, draft.reservation_hold_hours, draft.note, who.label, now, id, draft.min_charge_pct);
  db.run("DELETE FROM policy_bands WHERE policy_version_id = ?1", id);
  insert_bands(db, draft);
  record_edit(db, who, now, "policy.replace", "policy_version", before.value(), draft);
  unit.commit();
  return find_policy_version(db, id);
}

outcome<done> delete_policy_version(db::connection& db, const actor& who, unix_seconds now, std::int64_t id)
{
  const auto before = find_changeable(db, now, id);
  if (!before) return before.error();
  db::savepoint unit(db, "delete_policy_version");
  db.run("DELETE FROM policy_bands WHERE policy_version_id = ?1", id);
  db.run("DELETE FROM policy_versions WHERE id = ?1", id);
  record_audit(db, who, now, "policy.delete", "policy_version", std::to_string(id), nlohmann::json(before.value()),
               std::nullopt);
  unit.commit();
  return done{};
}

outcome<list_page<policy_version>> list_policy_versions(db::connection& db, const page_request& wanted)
{
  static constexpr std::array<sort_key, 3> keys{
      {{"effective_from", "effective_from"}, {"created_at", "created_at"}, {"id", "id"}}};
  return fetch_page<policy_version>(db, list_query{"SELECT id FROM policy_versions"}, wanted, keys,
                                    "effective_from DESC, id DESC", [&db](db::statement& rows) {
                                      std::vector<std::int64_t> ids;
                                      while (rows.step()) ids.push_back(rows.get_int(0));
                                      rows.reset();
                                      std::vector<policy_version> versions;
                                      for (const auto id : ids) versions.push_back(find_policy_version(db, id).value());
                                      return versions;
                                    });
}

std::vector<policy_version> list_policy_versions(db::connection& db)
{
  std::vector<std::int64_t> ids;
  auto& rows = db.query("SELECT id FROM policy_versions ORDER BY effective_from DESC, id DESC");
  while (rows.step()) ids.push_back(rows.get_int(0));
  std::vector<policy_version> versions;
  for (const auto id : ids) versions.push_back(find_policy_version(db, id).value());
  return versions;
}

}  // namespace pedalpower::domain
