#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pedalpower/domain/outcome.hpp"

namespace pedalpower::db {
class connection;
}

namespace pedalpower::domain {

struct staff_member {
  std::int64_t id = 0;
  std::string staff_number;
  std::string name;
  std::string email;
  std::string pay_band;  ///< canonical: "1".."9", "8a".."8d", "other"
  std::string department;
  std::optional<std::int64_t> home_site_id;
  std::optional<std::string> induction_date;  ///< 'YYYY-MM-DD' of the learn-to-ride / safety briefing
  std::optional<std::string> commute_mode;    ///< previous commute mode, as the emissions estimator names it
  int commute_car_occupancy = 1;
  std::optional<double> commute_distance_km;  ///< one way
  bool active = true;
  std::optional<std::string> badge_id;
};

/// The staff member with this id, or a not_found problem.
outcome<staff_member> find_staff(db::connection& db, std::int64_t id);
/// The staff member with this staff number, or a not_found problem.
outcome<staff_member> find_staff_by_number(db::connection& db, const std::string& staff_number);

}  // namespace pedalpower::domain
