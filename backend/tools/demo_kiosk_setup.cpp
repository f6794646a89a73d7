// Prepares a backend database for a kiosk demonstration or the browser tests: demo data, a kiosk
// device for one site with its token, and a known PIN for a few staff of that site, listed as JSON.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/demo_seed.hpp"
#include "pedalpower/domain/devices.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/domain/sites.hpp"
#include "pedalpower/domain/staff_pins.hpp"

using namespace pedalpower;

namespace {

constexpr std::string_view demo_pin = "2468";

struct person_wanted {
  std::string role;
  std::string where;  ///< SQL condition on staff columns: our own fixed text, no input
  int how_many;
};

nlohmann::json choose_people(db::connection& db, std::int64_t site_id, pedalpower::unix_seconds now)
{
  const std::vector<person_wanted> wanted{
      {"low_band", "pay_band IN ('2', '3') AND induction_date IS NOT NULL", 4},
      {"high_band", "pay_band IN ('8c', '8d', '9') AND induction_date IS NOT NULL", 2},
      {"not_inducted", "pay_band IN ('4', '5') AND induction_date IS NULL", 1},
      {"rider", "pay_band IN ('5', '6') AND induction_date IS NOT NULL", 5},
  };
  const domain::actor setup{"system:demo-kiosk-setup"};
  auto people = nlohmann::json::array();
  // One hash at the production cost for everyone: setting up stays quick, and a PIN check takes as
  // long as an unknown staff number's, as it does in production.
  const auto demo_pin_hash = pedalpower::hash_secret(demo_pin);
  for (const auto& kind : wanted) {
    auto& rows = db.query(
        "SELECT id, staff_number, name, pay_band FROM staff WHERE active = 1 AND home_site_id = ?1 AND " + kind.where +
            " AND id NOT IN (SELECT staff_id FROM loans WHERE status = 'active') "
            "AND id NOT IN (SELECT staff_id FROM waitlist_entries WHERE status IN ('waiting', 'offered')) "
            "ORDER BY id LIMIT ?2",
        site_id, kind.how_many);
    std::vector<nlohmann::json> found;
    while (rows.step()) {
      found.push_back({{"role", kind.role}, {"id", rows.get_int(0)}, {"staff_number", rows.get_text(1)},
                       {"name", rows.get_text(2)}, {"pay_band", rows.get_text(3)}, {"pin", demo_pin}});
    }
    rows.reset();
    for (auto& person : found) {
      const auto pinned = domain::set_staff_pin(db, setup, now, person.at("id").get<std::int64_t>(),
                                                demo_pin_hash);
      if (!pinned) throw std::runtime_error(pinned.error().message);
      people.push_back(std::move(person));
    }
  }
  return people;
}

int set_up(const std::string& database_path, const std::string& token_file)
{
  db::connection db(db::connection_options{.path = database_path});
  db::migrate(db);
  const auto now = pedalpower::current_time();
  if (domain::list_sites(db).empty()) {
    if (const auto seeded = domain::seed_demo(db, now); !seeded) throw std::runtime_error(seeded.error().message);
  }
  const auto site = domain::list_sites(db).front();
  const auto token = domain::issue_demo_kiosk_token(db, now, site.id);
  if (!token) throw std::runtime_error(token.error().message);
  std::ofstream(token_file) << token.value() << "\n";
  std::cout << nlohmann::json{{"site", {{"id", site.id}, {"code", site.code}, {"name", site.name}}},
                              {"people", choose_people(db, site.id, now)}}
                   .dump(2)
            << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv)
{
  if (argc != 3) {
    std::cerr << "Usage: " << argv[0] << " DATABASE TOKEN_FILE\n"
              << "Seeds demo data into DATABASE if it has none, registers the demo kiosk of its first site\n"
              << "(its token is written to TOKEN_FILE) and gives a few of that site's staff the PIN "
              << demo_pin << ";\nprints the site and those people as JSON. For demonstrations and tests only.\n";
    return 2;
  }
  try {
    return set_up(argv[1], argv[2]);
  } catch (const std::exception& failure) {
    std::cerr << argv[0] << ": " << failure.what() << "\n";
    return 1;
  }
}
