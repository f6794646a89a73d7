#include "pedalpower/domain/demo_seed.hpp"

#include <cstdio>
#include <set>
#include <span>

#include <nlohmann/json.hpp>

#include "demo_catalogue.hpp"
#include "demo_charge.hpp"
#include "demo_loans.hpp"
#include "demo_random.hpp"
#include "demo_workshop.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/pay_band.hpp"
#include "pedalpower/domain/sites.hpp"
#include "pedalpower/domain/terms.hpp"
#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::domain {
namespace {

namespace catalogue = demo_catalogue;

const actor seeder{"system:demo-seed"};

bool holds_fleet_data(db::connection& db)
{
  auto& rows = db.query("SELECT (SELECT count(*) FROM sites) + (SELECT count(*) FROM bikes) + "
                        "(SELECT count(*) FROM staff) + (SELECT count(*) FROM loans)");
  rows.step();
  const bool any = rows.get_int(0) > 0;
  rows.reset();
  return any;
}

template <typename T>
T created(outcome<T> result)
{
  // The catalogue is fixed data checked by the tests; a refusal here is a bug in it.
  if (!result) throw std::logic_error("demo seed: " + result.error().field + ": " + result.error().message);
  return std::move(result).value();
}

std::vector<site> seed_sites(db::connection& db, unix_seconds now)
{
  std::vector<site> sites;
  for (const auto& entry : catalogue::sites) {
    sites.push_back(created(create_site(db, seeder, now,
                                        {std::string(entry.code), std::string(entry.name), std::string(entry.address)})));
  }
  return sites;
}

std::vector<bike> seed_bikes(db::connection& db, unix_seconds now, demo_random& random, const std::vector<site>& sites)
{
  // The fleet arrived before the demo's first loan (about five months back), so the reports count
  // each bike's lendable days over every month that has loans.
  const unix_seconds arrived = now - 365 * seconds_per_day;
  std::vector<int> model_weights;
  for (const auto& model : catalogue::bike_models) model_weights.push_back(model.weight);
  std::vector<bike> bikes;
  int number = 0;
  for (std::size_t s = 0; s < sites.size(); ++s) {
    for (int i = 0; i < catalogue::sites[s].bikes; ++i) {
      ++number;
      const auto& model = catalogue::bike_models[random.weighted(model_weights)];
      bike_details details;
      char tag[16];
      std::snprintf(tag, sizeof tag, "EB-%04d", number);
      details.asset_tag = tag;
      // Frame numbers step by more than their random part so they never collide.
      details.frame_number = std::string(model.frame_prefix) + std::to_string(24'100'000 + number * 137 + random.between(0, 99));
      details.make = model.make;
      details.model = model.model;
      details.battery_serial = "BAT" + std::to_string(70'000'000 + number * 211 + random.between(0, 199));
      details.site_id = sites[s].id;
      details.odometer_m = random.between(0, 300) * 1000;
      bikes.push_back(created(create_bike(db, seeder, arrived, std::move(details))));
    }
  }
  return bikes;
}

std::span<const std::string_view> departments_for(std::string_view band)
{
  if (band == "other") return catalogue::medical_departments;
  const auto rank = std::find(pay_bands.begin(), pay_bands.end(), band) - pay_bands.begin();
  if (rank <= 3) return catalogue::support_departments;   // bands 1-4
  if (rank <= 6) return catalogue::clinical_departments;  // bands 5-7
  return catalogue::management_departments;
}

void give_commute(staff_member& member, demo_random& random)
{
  std::vector<int> weights;
  for (const auto& commute : catalogue::commutes) weights.push_back(commute.weight);
  const auto& commute = catalogue::commutes[random.weighted(weights)];
  if (commute.mode.empty()) return;
  member.commute_mode = std::string(commute.mode);
  if (commute.longest_km_tenths > 0) {
    member.commute_distance_km =
        static_cast<double>(random.between(commute.shortest_km_tenths, commute.longest_km_tenths)) / 10.0;
  }
  if (commute.mode.starts_with("car") && random.chance(10)) member.commute_car_occupancy = 2;
}

std::vector<staff_member> seed_staff(db::connection& db, unix_seconds now, demo_random& random,
                                     const std::vector<site>& sites)
{
  std::vector<std::string_view> bands;
  for (std::size_t b = 0; b < pay_bands.size(); ++b) bands.insert(bands.end(), catalogue::staff_per_band[b], pay_bands[b]);
  for (std::size_t i = bands.size(); i > 1; --i) {
    std::swap(bands[i - 1], bands[static_cast<std::size_t>(random.between(0, static_cast<std::int64_t>(i) - 1))]);
  }

  std::vector<int> site_weights;
  for (const auto& entry : catalogue::sites) site_weights.push_back(entry.staff_weight);
  std::set<std::string> emails;
  std::vector<staff_member> staff;
  std::int64_t number = 20'310'000;
  for (const auto band : bands) {
    number += random.between(1, 40);
    staff_member member;
    member.staff_number = std::to_string(number);
    const auto first = random.pick<std::string_view>(catalogue::first_names);
    const auto last = random.pick<std::string_view>(catalogue::last_names);
    member.name = std::string(first) + " " + std::string(last);
    auto email = lower_case(std::string(first) + "." + std::string(last));
    for (int n = 2; emails.contains(email); ++n) email = lower_case(std::string(first) + "." + std::string(last)) + std::to_string(n);
    emails.insert(email);
    member.email = email + "@mse-demo.example";
    member.pay_band = std::string(band);
    member.department = std::string(random.pick<std::string_view>(departments_for(band)));
    member.home_site_id = sites[random.weighted(site_weights)].id;
    if (random.chance(45)) member.induction_date = utc_date(now - random.between(7, 400) * seconds_per_day);
    give_commute(member, random);
    member.active = !random.chance(3);  // a few leavers stay on the list, inactive
    staff.push_back(created(create_staff(db, seeder, now, std::move(member))));
  }
  return staff;
}

}  // namespace

void to_json(nlohmann::json& out, const demo_seed_summary& value)
{
  out = {{"sites", value.sites},
         {"bikes", value.bikes},
         {"staff", value.staff},
         {"loans_returned", value.loans_returned},
         {"loans_active", value.loans_active},
         {"loans_overdue", value.loans_overdue},
         {"fault_reports", value.fault_reports},
         {"trips", value.trips},
         {"work_orders", value.work_orders},
         {"components", value.components}};
}

outcome<demo_seed_summary> seed_demo(db::connection& db, unix_seconds now, std::uint64_t seed)
{
  if (holds_fleet_data(db)) {
    return conflict("database_not_empty", "demo data goes only into a database with no sites, bikes, staff or loans");
  }
  const auto policy = policy_in_force(db, utc_date(now));
  if (!policy) return policy.error();
  const auto terms = current_terms(db, now);
  if (!terms) return not_found("no_terms_published", "no loan terms are published yet");

  demo_random random(seed);
  demo_seed_summary summary;
  db::savepoint unit(db, "seed_demo");
  const auto sites = seed_sites(db, now);
  const auto bikes = seed_bikes(db, now, random, sites);
  const auto staff = seed_staff(db, now, random, sites);
  summary.sites = static_cast<int>(sites.size());
  summary.bikes = static_cast<int>(bikes.size());
  summary.staff = static_cast<int>(staff.size());
  seed_demo_loans(db, now, random, policy.value(), terms->version, bikes, staff, summary);
  seed_demo_workshop(db, now, random, bikes, summary);
  seed_demo_charge(db, now, random);
  record_audit(db, seeder, now, "demo.seed", "database", "demo", std::nullopt, nlohmann::json(summary));
  unit.commit();
  return summary;
}

}  // namespace pedalpower::domain
