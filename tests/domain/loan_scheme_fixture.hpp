#pragma once

#include <cstdint>
#include <string>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/domain/actor.hpp"
#include "pedalpower/domain/faults.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/loans.hpp"
#include "temp_database.hpp"

// A migrated scheme (the default policy and 2025 terms its migrations publish) with two sites, for the loan, waiting-list
// and reservation tests. Rows are inserted with plain SQL: the schema is the contract.
class loan_scheme {
public:
  static constexpr pedalpower::unix_seconds now = 1741597200;  // 2025-03-10 09:00 UTC
  static constexpr std::int64_t day = 86400;
  static constexpr const char* current_terms = "2025-01";

  loan_scheme() : db_({file_.path()})
  {
    pedalpower::db::migrate(db_);
    site_a = add_site("BAS");
    site_b = add_site("SOU");
  }

  pedalpower::db::connection& db() { return db_; }

  std::int64_t add_site(const std::string& code)
  {
    db_.run("INSERT INTO sites(code, name, created_at) VALUES (?1, ?2, ?3)", code, code + " hospital", now);
    return db_.last_insert_rowid();
  }

  std::int64_t add_bike(std::int64_t site_id, std::int64_t odometer_m = 0, const std::string& status = "available")
  {
    const auto tag = "EB-" + std::to_string(1000 + ++bikes_);
    db_.run("INSERT INTO bikes(asset_tag, frame_number, make, model, site_id, odometer_m, status, created_at, updated_at)"
            " VALUES (?1, ?2, 'Raleigh', 'Motus', ?3, ?4, ?5, ?6, ?6)",
            tag, "FR" + tag, site_id, odometer_m, status, now);
    return db_.last_insert_rowid();
  }

  std::int64_t add_staff(const std::string& pay_band, bool inducted = true, bool active = true)
  {
    const auto number = "S" + std::to_string(10000 + ++staff_);
    db_.run("INSERT INTO staff(staff_number, name, pay_band, induction_date, active, created_at, updated_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            number, "Person " + number, pay_band,
            inducted ? std::optional<std::string>("2025-01-02") : std::nullopt, active, now);
    return db_.last_insert_rowid();
  }

  pedalpower::domain::checkout_input checkout_of(std::int64_t staff_id, std::int64_t bike_id) const
  {
    pedalpower::domain::checkout_input input;
    input.staff_id = staff_id;
    input.bike_id = bike_id;
    input.accessories = {"helmet", "lock", "charger", "lights"};
    input.terms_version = current_terms;
    return input;
  }

  pedalpower::domain::return_input return_of(std::int64_t loan_id) const
  {
    pedalpower::domain::return_input input;
    input.loan_id = loan_id;
    input.condition = {{"brakes_work", true}, {"tyres_ok", true}};
    input.accessories_returned = {"helmet", "lock", "charger", "lights"};
    return input;
  }

  std::string text(const std::string& sql, std::int64_t id)
  {
    auto& row = db_.query(sql, id);
    row.step();
    auto value = row.is_null(0) ? std::string("null") : row.get_text(0);
    row.reset();
    return value;
  }

  /// Loan `loan_id` brought back at `when` with `fault` reported, as the coordinator takes it in.
  pedalpower::outcome<pedalpower::domain::return_receipt> return_with_fault(std::int64_t loan_id,
                                                                            pedalpower::domain::fault_input fault,
                                                                            pedalpower::unix_seconds when = now)
  {
    auto back = return_of(loan_id);
    back.fault = std::move(fault);
    return pedalpower::domain::loan_service::return_bike(db_, coordinator, when, back);
  }

  /// A fault the coordinator reports on `bike_id` at `when`, found outside any loan.
  pedalpower::outcome<pedalpower::domain::fault_report> report_fault(std::int64_t bike_id,
                                                                    const pedalpower::domain::fault_input& fault,
                                                                    pedalpower::unix_seconds when = now)
  {
    return pedalpower::domain::report_fault(db_, coordinator, when, bike_id, std::nullopt, fault);
  }

  std::int64_t number(const std::string& sql)
  {
    return db_.query_int(sql);
  }

  std::string bike_status(std::int64_t bike_id) { return text("SELECT status FROM bikes WHERE id = ?1", bike_id); }
  std::string entry_status(std::int64_t entry_id)
  {
    return text("SELECT status FROM waitlist_entries WHERE id = ?1", entry_id);
  }

  /// Every row a loan process may touch, in one string: equal snapshots mean nothing changed.
  std::string snapshot()
  {
    auto& rows = db_.query(
        "SELECT (SELECT count(*) FROM audit_log)"
        " || '|' || (SELECT coalesce(group_concat(id || ':' || status || ':' || odometer_m), '') FROM bikes)"
        " || '|' || (SELECT coalesce(group_concat(id || ':' || status || ':' || due_at || ':' || renewals), '') FROM loans)"
        " || '|' || (SELECT count(*) FROM loan_accessories) || '|' || (SELECT count(*) FROM fault_reports)"
        " || '|' || (SELECT coalesce(group_concat(id || ':' || status), '') FROM waitlist_entries)"
        " || '|' || (SELECT coalesce(group_concat(id || ':' || status), '') FROM reservations)");
    rows.step();
    auto state = rows.get_text(0);
    rows.reset();
    return state;
  }

  std::int64_t site_a = 0;
  std::int64_t site_b = 0;
  const pedalpower::domain::actor coordinator{"user:1:coordinator"};

private:
  temp_database file_;
  pedalpower::db::connection db_;
  int bikes_ = 0;
  int staff_ = 0;
};
