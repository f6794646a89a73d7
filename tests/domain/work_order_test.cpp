#include <catch2/catch.hpp>

#include "loan_scheme_fixture.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/loan_decision.hpp"
#include "pedalpower/domain/loans.hpp"
#include "pedalpower/domain/servicing.hpp"
#include "pedalpower/domain/work_orders.hpp"
#include "outcome_refusal.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

const actor technician{"user:2:tech"};

work_order open_job(loan_scheme& scheme, std::int64_t bike, const std::string& category,
                    std::optional<bool> safety = std::nullopt)
{
  work_order_input input;
  input.bike_id = bike;
  input.category = category;
  input.safety = safety;
  input.description = "found on inspection";
  auto opened = open_work_order(scheme.db(), technician, loan_scheme::now, input);
  if (!opened) FAIL(opened.error().code << ": " << opened.error().message);
  return opened.value();
}

void move(loan_scheme& scheme, std::int64_t job, const std::string& status, unix_seconds at = loan_scheme::now + 60,
          const std::string& note = "")
{
  const auto moved = change_work_order_status(scheme.db(), technician, at, job, status, note);
  if (!moved) FAIL(moved.error().code << ": " << moved.error().message);
}

work_order job_in_progress(loan_scheme& scheme, std::int64_t bike, const std::string& category)
{
  const auto job = open_job(scheme, bike, category);
  move(scheme, job.id, "in_progress");
  return job;
}

std::int64_t lend(loan_scheme& scheme, std::int64_t bike)
{
  const auto lent = loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now,
                                            scheme.checkout_of(scheme.add_staff("3"), bike));
  if (!lent) FAIL(lent.error().code << ": " << lent.error().message);
  return lent->id;
}

}  // namespace

TEST_CASE("the checkout decision refuses a bike with an open safety work order, with its own reason")
{
  staff_member person;
  person.id = 7;
  person.active = true;
  person.pay_band = "3";
  person.induction_date = "2025-01-02";
  band_rule rule;
  rule.eligible = true;
  rule.max_concurrent_loans = 1;
  rule.induction_required = false;
  bike_facts facts{"available", std::nullopt, 0, 1};
  CHECK(pay_band_policy::decide_checkout(person, rule, 0, facts, "2025-03-10").allowed());
  facts.open_safety_work = true;
  const auto verdict = pay_band_policy::decide_checkout(person, rule, 0, facts, "2025-03-10");
  REQUIRE_FALSE(verdict.allowed());
  CHECK(verdict.refusal->code == "bike_awaiting_safety_check");
}

TEST_CASE("a safety fault at a return opens a work order and the bike cannot be lent until signed off")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto receipt =
      scheme.return_with_fault(lend(scheme, bike), {"brakes", "rear brake soft", false}, loan_scheme::now + 3600);
  REQUIRE(receipt);
  REQUIRE(receipt->faults.size() == 1);
  CHECK(receipt->faults[0].work_order_id > 0);
  CHECK(scheme.bike_status(bike) == "maintenance");

  const auto job = find_work_order(scheme.db(), receipt->faults[0].work_order_id);
  REQUIRE(job);
  CHECK(job->safety);
  CHECK(job->category == "brakes");
  CHECK(job->status == "open");
  CHECK(job->fault_report_id == receipt->faults[0].id);
  CHECK(job->history.size() == 1);

  CHECK(refusal(loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now + 7200,
                                        scheme.checkout_of(scheme.add_staff("3"), bike))) ==
        "bike_awaiting_safety_check");
}

TEST_CASE("a non-safety fault opens a work order but leaves the bike lendable until work starts")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto reported = scheme.report_fault(bike, {"gears", "slipping in 3rd", false});
  REQUIRE(reported);
  CHECK(scheme.bike_status(bike) == "available");
  CHECK_FALSE(has_open_safety_work(scheme.db(), bike));

  move(scheme, reported->work_order_id, "in_progress");
  CHECK(scheme.bike_status(bike) == "maintenance");
  move(scheme, reported->work_order_id, "closed", loan_scheme::now + 120, "gear cable re-tensioned");
  CHECK(scheme.bike_status(bike) == "available");
  CHECK(scheme.text("SELECT resolved_at FROM fault_reports WHERE id = ?1", reported->id) != "null");
}

TEST_CASE("a job closes only once it says what was found and done, in the closing note or its diagnosis")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto job = job_in_progress(scheme, bike, "gears");
  const auto before = scheme.snapshot();
  CHECK(refused_field(change_work_order_status(scheme.db(), technician, loan_scheme::now, job.id, "closed",
                                               " \u00A0\u200B")) == "note");
  CHECK(scheme.snapshot() == before);
  CHECK(scheme.bike_status(bike) == "maintenance");

  work_order_changes diagnosis;
  diagnosis.notes = "rear mech hanger bent; straightened and indexed";
  REQUIRE(update_work_order(scheme.db(), technician, loan_scheme::now, job.id, diagnosis));
  move(scheme, job.id, "closed", loan_scheme::now + 60);
  CHECK(find_work_order(scheme.db(), job.id)->status == "closed");
  CHECK(scheme.bike_status(bike) == "available");
}

TEST_CASE("signing off the safety check closes the job, records the check and releases the bike")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto job = open_job(scheme, bike, "frame");
  CHECK(job.safety);
  CHECK(scheme.bike_status(bike) == "maintenance");

  // Not before the job is ready for check, and the refusal says where the job stands.
  const auto too_soon = sign_off_safety_check(scheme.db(), technician, loan_scheme::now, job.id, "");
  REQUIRE_FALSE(too_soon);
  CHECK(too_soon.error().code == "not_ready_for_check");
  CHECK(too_soon.error().message.find("it is open now") != std::string::npos);

  move(scheme, job.id, "in_progress");
  move(scheme, job.id, "awaiting_parts");
  move(scheme, job.id, "in_progress");
  move(scheme, job.id, "ready_for_check");
  CHECK(scheme.bike_status(bike) == "maintenance");
  // Not without saying what was checked.
  CHECK(invalid_field(sign_off_safety_check(scheme.db(), technician, loan_scheme::now, job.id, "  ")) == "note");
  CHECK(scheme.bike_status(bike) == "maintenance");

  const auto signed_off = sign_off_safety_check(scheme.db(), technician, loan_scheme::now + 600, job.id, "all good");
  REQUIRE(signed_off);
  CHECK(signed_off->status == "closed");
  CHECK(signed_off->signed_off_by == technician.label);
  CHECK(signed_off->closed_at == loan_scheme::now + 600);
  CHECK(signed_off->history.size() == 6);
  CHECK(signed_off->history.back().actor == technician.label);
  CHECK(scheme.bike_status(bike) == "available");
  CHECK(scheme.number("SELECT count(*) FROM service_records WHERE kind = 'safety_check'") == 1);
  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE entity = 'work_order'") == 6);
  // A colleague signing off the same job a moment later hears that it is done.
  const auto second = sign_off_safety_check(scheme.db(), technician, loan_scheme::now + 660, job.id, "checked too");
  REQUIRE_FALSE(second);
  CHECK(second.error().message == "this job's safety check is already signed off and the job is closed");
  lend(scheme, bike);
}

TEST_CASE("a safety job is not closed by a status change, and the refusal changes nothing")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto job = job_in_progress(scheme, bike, "tyre");
  const auto before = scheme.snapshot();
  const auto closed = change_work_order_status(scheme.db(), technician, loan_scheme::now, job.id, "closed", "");
  REQUIRE_FALSE(closed);
  CHECK(closed.error().code == "safety_sign_off_required");
  CHECK(refusal(change_work_order_status(scheme.db(), technician, loan_scheme::now, job.id, "open", "")) ==
        "work_order_transition_not_allowed");
  CHECK(scheme.snapshot() == before);
  CHECK(scheme.bike_status(bike) == "maintenance");
}

TEST_CASE("a bike stays in the workshop while another safety job on it is open")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto brakes = open_job(scheme, bike, "brakes");
  open_job(scheme, bike, "battery");
  move(scheme, brakes.id, "in_progress");
  move(scheme, brakes.id, "ready_for_check");
  REQUIRE(sign_off_safety_check(scheme.db(), technician, loan_scheme::now + 60, brakes.id, "brakes tested"));
  CHECK(scheme.bike_status(bike) == "maintenance");
  CHECK(has_open_safety_work(scheme.db(), bike));
}

TEST_CASE("labour and parts add up to the job's cost, and a finished job takes no more")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto job = open_job(scheme, bike, "lights");
  REQUIRE(add_labour(scheme.db(), technician, loan_scheme::now, job.id, {0, 0, "Sam", 45, "rewired", "", 0}));
  REQUIRE(add_part(scheme.db(), technician, loan_scheme::now, job.id, {0, 0, "LED front light", "LF-200", 2, 1250, "", 0}));
  work_order_changes changes;
  changes.supplier = "Halfords";
  changes.supplier_cost_pence = 900;
  changes.warranty_claim = true;
  REQUIRE(update_work_order(scheme.db(), technician, loan_scheme::now, job.id, changes));
  const auto costed = find_work_order(scheme.db(), job.id);
  CHECK(costed->labour_minutes == 45);
  CHECK(costed->parts_cost_pence == 2500);
  CHECK(costed->cost_pence() == 3400);
  CHECK(costed->warranty_claim);

  CHECK(refused_field(add_part(scheme.db(), technician, loan_scheme::now, job.id, {0, 0, "Bolt", "", 0, 10, "", 0})) ==
        "quantity");

  move(scheme, job.id, "closed", loan_scheme::now + 60, "cell balanced, battery passes");
  CHECK(refusal(add_labour(scheme.db(), technician, loan_scheme::now, job.id, {0, 0, "Sam", 5, "", "", 0})) ==
        "work_order_finished");
}

TEST_CASE("labour and parts taken back are audited as they were, and only from their own job")
{
  loan_scheme scheme;
  const auto job = open_job(scheme, scheme.add_bike(scheme.site_a), "lights");
  const auto other_job = open_job(scheme, scheme.add_bike(scheme.site_a), "lights");
  const auto labour =
      add_labour(scheme.db(), technician, loan_scheme::now, job.id, {0, 0, "Sam", 45, "rewired", "", 0});
  const auto part =
      add_part(scheme.db(), technician, loan_scheme::now, job.id, {0, 0, "LED light", "LF-200", 2, 1250, "", 0});
  REQUIRE(labour);
  REQUIRE(part);

  CHECK(refusal(remove_labour(scheme.db(), technician, loan_scheme::now, other_job.id, labour->id)) ==
        "labour_not_found");
  CHECK(refusal(remove_part(scheme.db(), technician, loan_scheme::now, other_job.id, part->id)) == "part_not_found");
  REQUIRE(remove_labour(scheme.db(), technician, loan_scheme::now + 5, job.id, labour->id));
  REQUIRE(remove_part(scheme.db(), technician, loan_scheme::now + 5, job.id, part->id));

  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE action = 'work_order.labour_removed' AND after IS NULL"
                      " AND json_extract(before, '$.minutes') = 45 AND json_extract(before, '$.note') = 'rewired'") ==
        1);
  CHECK(scheme.number(
            "SELECT count(*) FROM audit_log WHERE action = 'work_order.part_removed' AND after IS NULL"
            " AND json_extract(before, '$.part_number') = 'LF-200' AND json_extract(before, '$.quantity') = 2") == 1);
  CHECK(find_work_order(scheme.db(), job.id)->cost_pence() == 0);
}

TEST_CASE("writing a bike off ends every open job on it and retires the bike")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto frame = open_job(scheme, bike, "frame");
  const auto lights = open_job(scheme, bike, "lights");
  const auto written_off = write_off_work_order(scheme.db(), scheme.coordinator, loan_scheme::now, frame.id, "cracked");
  REQUIRE(written_off);
  CHECK(written_off->status == "written_off");
  CHECK(find_work_order(scheme.db(), lights.id)->status == "written_off");
  CHECK(scheme.bike_status(bike) == "retired");

  CHECK(refusal(open_work_order(scheme.db(), technician, loan_scheme::now,
                                {bike, "other", std::nullopt, "", {}, {}})) == "bike_retired");
}

TEST_CASE("bad work order input is invalid and stores nothing")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto before = scheme.snapshot();
  CHECK(refused_field(open_work_order(scheme.db(), technician, loan_scheme::now, {bike, "wheel", {}, "", {}, {}})) ==
        "category");
  CHECK(refusal(open_work_order(scheme.db(), technician, loan_scheme::now, {999, "tyre", {}, "", {}, {}})) ==
        "unknown_bike");
  CHECK(refused_field(open_work_order(scheme.db(), technician, loan_scheme::now,
                                      {bike, "tyre", {}, std::string(2001, 'x'), {}, {}})) == "description");
  CHECK(scheme.snapshot() == before);
  CHECK(scheme.number("SELECT count(*) FROM work_orders") == 0);
}
