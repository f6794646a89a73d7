#include <algorithm>

#include "accessory_kinds.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/faults.hpp"
#include "pedalpower/domain/loans.hpp"
#include "loans/loan_change.hpp"
#include "pedalpower/domain/work_orders.hpp"

namespace pedalpower::domain::loan_service {
namespace {

std::optional<problem> check_condition(const nlohmann::json& condition)
{
  if (!condition.is_object()) return invalid("condition", "The condition checklist must map each check to true or false.");
  for (const auto& [check, passed] : condition.items()) {
    if (!find_return_check(check)) {
      std::string codes;
      for (const auto& known : return_checks) codes += (codes.empty() ? "" : ", ") + std::string(known.code);
      return invalid("condition." + check, "The condition checks are " + codes + ".");
    }
    if (!passed.is_boolean()) return invalid("condition." + check, "Each condition check is true or false.");
  }
  return std::nullopt;
}

bool was_issued(const loan& lent, const std::string& kind)
{
  return std::any_of(lent.accessories.begin(), lent.accessories.end(),
                     [&kind](const loan_accessory& item) { return item.kind == kind; });
}

}  // namespace

outcome<return_receipt> return_bike(db::connection& db, const actor& who, unix_seconds now, const return_input& input)
{
  if (auto failure = check_condition(input.condition)) return *failure;
  if (auto failure = check_accessory_kinds(input.accessories_returned, "accessories_returned")) return *failure;
  if (input.fault) {
    if (auto failure = check_fault(*input.fault, "fault.")) return *failure;
  }
  // Inside the unit, so that a refusal leaves even the expiry to the next run.
  db::savepoint unit(db, "return_bike");
  expire_reservations(db, now);

  const auto current = find_loan(db, input.loan_id);
  if (!current) return current.error();
  if (current->status != "active") return conflict("loan_not_active", "This loan is already closed.");
  for (const auto& kind : input.accessories_returned) {
    if (!was_issued(current.value(), kind)) {
      return invalid("accessories_returned", "No " + kind + " was handed out with this loan.");
    }
  }
  if (input.end_odometer_m && *input.end_odometer_m < current->start_odometer_m) {
    return invalid("end_odometer_m", "The end reading cannot be below the reading at checkout (" +
                                         std::to_string(current->start_odometer_m) + " m).");
  }

  db.run("UPDATE loans SET status = 'returned', returned_at = ?2, end_odometer_m = ?3, return_condition = ?4"
         " WHERE id = ?1",
         current->id, now, input.end_odometer_m, input.condition.dump());
  for (const auto& item : current->accessories) {
    const bool back = std::find(input.accessories_returned.begin(), input.accessories_returned.end(), item.kind) !=
                      input.accessories_returned.end();
    db.run("UPDATE loan_accessories SET returned = ?3 WHERE loan_id = ?1 AND kind = ?2", current->id, item.kind, back);
  }

  const auto bike = find_bike(db, current->bike_id);
  if (!bike) return bike.error();
  // Telematics may already have reported a higher reading during the loan; the odometer never goes back.
  if (input.end_odometer_m && *input.end_odometer_m > bike->odometer_m) {
    if (const auto read = record_bike_odometer(db, who, now, bike->id, *input.end_odometer_m); !read) return read.error();
  }

  return_receipt receipt;
  for (const auto& found : faults_told_at_return(input.condition, input.fault)) {
    auto reported = report_fault(db, who, now, bike->id, current->id, found);
    if (!reported) return reported.error();
    receipt.faults.push_back(std::move(reported).value());
  }
  // A safety job opened during the loan (by hand, or at an earlier kiosk report) holds the bike too.
  const bool unsafe = std::any_of(receipt.faults.begin(), receipt.faults.end(),
                                  [](const fault_report& filed) { return filed.safety; }) ||
                      has_open_safety_work(db, bike->id);
  if (const auto moved =
          change_bike_status(db, who, now, bike->id, unsafe ? bike_status::maintenance : bike_status::available,
                             unsafe ? "safety fault open at return of loan " + std::to_string(current->id)
                                    : "returned from loan " + std::to_string(current->id));
      !moved) {
    return moved.error();
  }

  auto here = find_bike(db, bike->id).value();
  if (input.returned_at_site && *input.returned_at_site != here.site_id) {
    bike_details moved = here;
    moved.site_id = *input.returned_at_site;
    auto updated = update_bike(db, who, now, here.id, std::move(moved));
    if (!updated) return updated.error();
    here = std::move(updated).value();
  }

  receipt.returned = record_loan_change(db, who, now, "loan.return", current.value());
  if (!unsafe) {
    for (const auto& held : offer_free_bikes(db, who, now, here.site_id)) {
      if (held.bike_id == bike->id) receipt.offered = held;
    }
  }
  receipt.bike_status = std::string(to_string(find_bike(db, bike->id)->status));
  unit.commit();
  return receipt;
}

}  // namespace pedalpower::domain::loan_service
