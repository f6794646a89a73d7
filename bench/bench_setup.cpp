// Adds the benchmark's own fleet to a database the kiosk demo setup has prepared: a site of its
// own with one bike and one inducted borrower per checkout/return pair, enough kiosks to hold an
// identification for every borrower at once, a tracker on each bike and a telematics gateway.
// Everything goes through the domain services, so it is validated and audited like real data.
//
// Writes into OUT_DIR:
//   pairs.tsv     kiosk_token <tab> badge_id <tab> staff_id <tab> bike_id, one line per pair
//   trackers.txt  one tracker device id per line, fitted to the pair's bike
//   bench.env     shell assignments: read_site_id, terms_version, gateway_token, fitted_ms
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/devices.hpp"
#include "pedalpower/domain/sites.hpp"
#include "pedalpower/domain/staff.hpp"
#include "pedalpower/domain/terms.hpp"
#include "pedalpower/domain/trackers.hpp"

using namespace pedalpower;

namespace {

// The kiosk API holds at most this many identified people per kiosk (auth/access_state.hpp).
constexpr int identifications_per_kiosk = 8;
constexpr int most_pairs = 9999;

const domain::actor setup{"system:bench-setup"};

template <typename T>
T created(pedalpower::outcome<T> result)
{
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(result).value();
}

std::string numbered(std::string_view prefix, int n)
{
  std::string digits = std::to_string(n);
  return std::string(prefix) + std::string(4 - std::min<std::size_t>(4, digits.size()), '0') + digits;
}

domain::staff_member borrower(int n, std::int64_t site_id)
{
  domain::staff_member draft;
  draft.staff_number = numbered("BENCH-", n);
  draft.name = "Bench Rider " + std::to_string(n);
  draft.pay_band = "2";
  draft.department = "Benchmarks";
  draft.home_site_id = site_id;
  draft.induction_date = "2025-01-01";
  draft.badge_id = numbered("bench-badge-", n);
  return draft;
}

domain::bike_details bench_bike(int n, std::int64_t site_id)
{
  return {numbered("BN-", n), numbered("BENCH-FRAME-", n), "Bench", "Cycle", std::nullopt, site_id, 0};
}

int set_up(const std::string& database_path, int pairs, const std::string& out_dir)
{
  db::connection db(db::connection_options{.path = database_path});
  db::migrate(db);
  const auto now = pedalpower::current_time();
  const auto sites = domain::list_sites(db);
  if (sites.empty()) throw std::runtime_error("run pedalpower-demo-kiosk-setup on this database first");
  const auto terms = domain::current_terms(db, now);
  if (!terms) throw std::runtime_error("no loan terms are in force");

  std::ofstream pair_lines(out_dir + "/pairs.tsv");
  std::ofstream tracker_lines(out_dir + "/trackers.txt");
  db::transaction all(db);
  const auto site = created(domain::create_site(db, setup, now, {"BENCH", "Benchmark depot", "loopback"}));
  std::string kiosk_token;
  for (int n = 1; n <= pairs; ++n) {
    if ((n - 1) % identifications_per_kiosk == 0) {
      const auto kiosk_number = (n - 1) / identifications_per_kiosk + 1;
      kiosk_token = created(domain::register_device(
                                db, setup, now, {numbered("bench-kiosk-", kiosk_number), "kiosk", site.id}))
                        .token;
    }
    const auto staff = created(domain::create_staff(db, setup, now, borrower(n, site.id)));
    const auto bike = created(domain::create_bike(db, setup, now, bench_bike(n, site.id)));
    const auto tracker = created(domain::register_tracker(db, setup, now, {numbered("bench-tracker-", n), "", bike.id}));
    pair_lines << kiosk_token << '\t' << *staff.badge_id << '\t' << staff.id << '\t' << bike.id << '\n';
    tracker_lines << tracker.fitted.device_id << '\t' << tracker.secret << '\n';
  }
  const auto gateway = created(domain::register_device(db, setup, now, {"bench-gateway", "telematics", std::nullopt}));
  all.commit();

  // Tokens are base64url and the rest our own fixed text: safe to source unquoted.
  std::ofstream(out_dir + "/bench.env") << "read_site_id=" << sites.front().id << "\n"
                                        << "terms_version=" << terms->version << "\n"
                                        << "gateway_token=" << gateway.token << "\n"
                                        << "fitted_ms=" << now * 1000 << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv)
{
  const auto pairs = argc == 4 ? std::atoi(argv[2]) : 0;
  if (argc != 4 || pairs < 1 || pairs > most_pairs) {
    std::cerr << "Usage: " << argv[0] << " DATABASE PAIRS OUT_DIR\n"
              << "Adds a benchmark site with PAIRS (1-" << most_pairs << ") borrowers, bikes and trackers, the kiosks\n"
              << "to identify them and a telematics gateway to a database prepared by pedalpower-demo-kiosk-setup;\n"
              << "writes pairs.tsv, trackers.txt and bench.env into OUT_DIR. For benchmarks only.\n";
    return 2;
  }
  try {
    return set_up(argv[1], pairs, argv[3]);
  } catch (const std::exception& failure) {
    std::cerr << argv[0] << ": " << failure.what() << "\n";
    return 1;
  }
}
