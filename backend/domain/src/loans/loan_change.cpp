#include "loans/loan_change.hpp"

#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/notifications.hpp"

namespace pedalpower::domain {

loan record_loan_change(db::connection& db, const actor& who, unix_seconds now, std::string_view action,
                        const loan& before)
{
  auto after = find_loan(db, before.id).value();
  record_edit(db, who, now, action, "loan", before, after);
  withdraw_loan_reminders(db, who, now, before.id);
  return after;
}

}  // namespace pedalpower::domain
