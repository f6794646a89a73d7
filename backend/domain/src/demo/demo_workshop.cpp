#include "demo_workshop.hpp"

#include <stdexcept>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/campaigns.hpp"
#include "pedalpower/domain/components.hpp"
#include "pedalpower/domain/faults.hpp"
#include "pedalpower/domain/servicing.hpp"
#include "pedalpower/domain/work_orders.hpp"

namespace pedalpower::domain {
namespace {

const actor seeder{"system:demo-seed"};
const actor technician{"system:demo-seed/technician"};

template <typename T>
T made(outcome<T> result, const std::string& what)
{
  if (!result) throw std::logic_error("demo seed: " + what + ": " + result.error().message);
  return std::move(result).value();
}

std::int64_t count_rows(db::connection& db, std::string_view sql)
{
  return db.query_int(sql);
}

void fit_components(db::connection& db, unix_seconds now, demo_random& random, const bike& fitted)
{
  const auto in_service = now - random.between(200, 700) * seconds_per_day;
  component_input battery{"battery", fitted.battery_serial.value_or("BAT-" + fitted.asset_tag), "36V 418Wh",
                          random.between(20, 520), random.between(70, 99), fitted.id};
  made(create_component(db, seeder, in_service, battery), "battery of " + fitted.asset_tag);
  component_input charger{"charger", "CH-" + fitted.asset_tag.substr(3), "4A smart charger", {}, {}, fitted.id};
  made(create_component(db, seeder, in_service, charger), "charger of " + fitted.asset_tag);
}

/// A service recorded now reads the bike's odometer as it is today; one done `days_ago` read it as it
/// was then, before the kilometres its commuter has ridden since at `metres_a_day`.
void record_past_service(db::connection& db, unix_seconds now, const bike& serviced, std::int64_t metres_a_day,
                         std::int64_t days_ago, const service_input& input)
{
  const auto record = made(record_service(db, technician, now - days_ago * seconds_per_day, input),
                           input.kind + " of " + serviced.asset_tag);
  db.run("UPDATE service_records SET odometer_m = max(0, odometer_m - ?2) WHERE id = ?1", record.id,
         days_ago * metres_a_day);
}

void record_past_services(db::connection& db, unix_seconds now, demo_random& random, const bike& serviced)
{
  const auto metres_a_day = random.between(3, 12) * 1000;
  record_past_service(db, now, serviced, metres_a_day, random.between(5, 100),
                      {"safety_check", serviced.id, {}, {}, "Brakes, tyres, lights and frame checked"});
  if (random.chance(70)) {
    record_past_service(db, now, serviced, metres_a_day, random.between(100, 380),
                        {"full_service", serviced.id, {}, {}, "Full service: drivetrain cleaned, cables adjusted"});
  }
  if (random.chance(80)) {
    record_past_service(db, now, serviced, metres_a_day, random.between(30, 400),
                        {"charger_pat", serviced.id, {}, {}, "PAT pass"});
  }
}

/// A repair that came and went: reported, worked on with labour and parts, signed off.
void finished_repair(db::connection& db, unix_seconds now, demo_random& random, const bike& repaired, int days_ago)
{
  const auto reported_at = now - days_ago * seconds_per_day;
  const auto fault =
      made(report_fault(db, seeder, reported_at, repaired.id, std::nullopt, {"tyre", "Rear puncture at the shelter", false}),
           "past fault on " + repaired.asset_tag);
  const auto job = fault.work_order_id;
  made(change_work_order_status(db, technician, reported_at + 3600, job, "in_progress", ""), "past job");
  made(add_labour(db, technician, reported_at + 3600, job, {0, 0, "Sam Okafor", random.between(20, 50), "Tube and tyre", "", 0}),
       "past labour");
  made(add_part(db, technician, reported_at + 3600, job, {0, 0, "Puncture-resistant tyre 700x40c", "TY-740", 1, 2499, "", 0}),
       "past part");
  made(add_part(db, technician, reported_at + 3600, job, {0, 0, "Inner tube 700c", "TB-700", 1, 599, "", 0}), "past part");
  made(change_work_order_status(db, technician, reported_at + 7200, job, "ready_for_check", ""), "past job");
  made(sign_off_safety_check(db, technician, reported_at + 7300, job, "Tyre seated, pressure 50 psi, brakes checked"),
       "past sign-off");
}

/// What a technician does for a fault of one category: the work, the part fitted, and what a job
/// waits for when the part is not in stock.
struct demo_repair {
  std::string_view work;
  std::string_view part;
  std::string_view part_number;
  std::int64_t quantity = 1;
  std::int64_t unit_cost_pence = 0;
  std::string_view awaited;
  std::string_view supplier;
  bool warranty_claim = false;
};

demo_repair repair_for(std::string_view category)
{
  if (category == "brakes") {
    return {"Pads and cable replaced", "Disc brake pads (pair)", "BP-205", 2, 1150,
            "Caliper on order",        "Shimano service centre", false};
  }
  if (category == "battery") {
    return {"Battery tested: one cell group low", "Battery fuse",        "BF-30", 1, 350,
            "Battery sent for warranty test",     "Bosch eBike service", true};
  }
  if (category == "tyre") {
    return {
        "Tube and tyre", "Puncture-resistant tyre 700x40c", "TY-740", 1, 2499, "Tyre on order", "Schwalbe UK", false};
  }
  if (category == "lights") {
    return {"Front light rewired", "Front light unit",  "LT-100", 1, 1899,
            "Light unit on order", "Busch + Muller UK", false};
  }
  if (category == "frame") {
    return {"Frame inspected: crack at the rear dropout", "Frame assessment fee", "FR-ASSESS", 1, 3500,
            "Frame sent to the maker for assessment",     "Raleigh trade desk",   true};
  }
  if (category == "gears") {
    return {"Gear cable replaced and indexed",
            "Gear inner cable",
            "GC-170",
            1,
            450,
            "Derailleur on order",
            "Shimano service centre",
            false};
  }
  return {"Inspected and adjusted", "Cable ties (pack)",  "CT-100", 1, 199,
          "Part on order",          "Raleigh trade desk", false};
}

/// Moves the demo's open workshop jobs along, so the queue shows every stage, each with the work its
/// fault calls for.
void work_on_open_jobs(db::connection& db, unix_seconds now)
{
  work_order_filter open_jobs;
  open_jobs.status = "active";
  int step = 0;
  for (const auto& job : list_work_orders(db, open_jobs)) {
    const auto at = now - seconds_per_day + 7200;
    const auto repair = repair_for(job.category);
    switch (step++ % 4) {
      case 0:
        if (job.status == "open") made(change_work_order_status(db, technician, at, job.id, "in_progress", ""), "open job");
        made(add_labour(db, technician, at, job.id, {0, 0, "Priya Shah", 40, std::string(repair.work), "", 0}),
             "labour");
        made(add_part(db, technician, at, job.id,
                      {0, 0, std::string(repair.part), std::string(repair.part_number), repair.quantity,
                       repair.unit_cost_pence, "", 0}),
             "part");
        made(change_work_order_status(db, technician, at + 3600, job.id, "ready_for_check", ""), "open job");
        break;
      case 1: {
        if (job.status == "open") made(change_work_order_status(db, technician, at, job.id, "in_progress", ""), "open job");
        made(change_work_order_status(db, technician, at + 600, job.id, "awaiting_parts", std::string(repair.awaited)),
             "open job");
        work_order_changes ordered;
        ordered.supplier = std::string(repair.supplier);
        ordered.warranty_claim = repair.warranty_claim;
        made(update_work_order(db, technician, at + 600, job.id, ordered), "supplier");
        break;
      }
      default: break;  // left as reported, or as its fault set it going
    }
  }
}

}  // namespace

void seed_demo_workshop(db::connection& db, unix_seconds now, demo_random& random, const std::vector<bike>& bikes,
                        demo_seed_summary& summary)
{
  work_on_open_jobs(db, now);
  int repairs = 0;
  for (const auto& listed : bikes) {
    const auto current = made(find_bike(db, listed.id), "bike " + listed.asset_tag);
    if (current.status == bike_status::retired || current.status == bike_status::lost) continue;
    fit_components(db, now, random, current);
    record_past_services(db, now, random, current);
    if (current.status == bike_status::available && repairs < 6 && random.chance(20)) {
      finished_repair(db, now, random, current, static_cast<int>(random.between(8, 60)));
      ++repairs;
    }
  }

  service_schedule cargo;
  cargo.kind = "safety_check";
  cargo.model = "Quick Haul P9";
  cargo.every_km = 600;
  cargo.every_days = 60;
  cargo.due_soon_km = 60;
  cargo.due_soon_days = 10;
  made(create_schedule(db, seeder, now - 30 * seconds_per_day, cargo), "cargo bike schedule");

  const auto campaign = made(launch_campaign(db, seeder, now - 5 * seconds_per_day,
                                             {"Rear rack bolt inspection", "inspection", "Metro LS", false,
                                              "Maker's notice: check the rack bolts are torqued to 6 Nm"}),
                             "campaign");
  work_order_filter of_campaign;
  of_campaign.campaign_id = campaign.id;
  const auto jobs = list_work_orders(db, of_campaign);
  for (std::size_t i = 0; i < jobs.size() / 2; ++i) {
    made(change_work_order_status(db, technician, now - 4 * seconds_per_day, jobs[i].id, "closed", "Bolts torqued"),
         "campaign job");
  }
  summary.work_orders = static_cast<int>(count_rows(db, "SELECT count(*) FROM work_orders"));
  summary.components = static_cast<int>(count_rows(db, "SELECT count(*) FROM components"));
}

}  // namespace pedalpower::domain
