#include <catch2/catch.hpp>

#include "fresh_journal.hpp"
#include "pedalpower/kiosk/journal.hpp"
#include "pedalpower/kiosk/kiosk_database.hpp"

using namespace pedalpower::kiosk;

namespace {

new_action return_of(const std::string& tag)
{
  return {.kind = "return", .payload = {{"bike_tag", tag}}, .staff_id = std::nullopt, .bike_tag = tag, .staff_proof = {}};
}

}  // namespace

TEST_CASE("an appended action is pending, with a fresh idempotency key, and survives reopening the file")
{
  temp_database file;
  std::string key;
  {
    auto database = open_kiosk_database(file.path());
    journal log(*database);
    const auto entry = log.append(return_of("EB-0001"), 1000);
    key = entry.idempotency_key;
    CHECK(entry.state == "pending");
    CHECK(entry.payload.at("bike_tag") == "EB-0001");
    CHECK(key.size() == 36);
  }
  auto reopened = open_kiosk_database(file.path());
  journal log(*reopened);
  const auto head = log.next_pending();
  REQUIRE(head);
  CHECK(head->idempotency_key == key);
  CHECK(head->recorded_at == 1000);
}

TEST_CASE_METHOD(fresh_journal, "two actions get different idempotency keys")
{
  CHECK(log.append(return_of("EB-0001"), 1).idempotency_key != log.append(return_of("EB-0001"), 2).idempotency_key);
}

TEST_CASE_METHOD(fresh_journal, "the next pending action is always the oldest one not yet settled")
{
  const auto first = log.append(return_of("EB-0001"), 10);
  const auto second = log.append(return_of("EB-0002"), 11);
  CHECK(log.next_pending()->seq == first.seq);
  log.mark_delivered(first.seq, {{"id", 5}}, 12);
  CHECK(log.next_pending()->seq == second.seq);
  log.mark_refused(second.seq, {{"error", {{"code", "bike_not_on_loan"}}}}, 13);
  CHECK_FALSE(log.next_pending());
}

TEST_CASE_METHOD(fresh_journal, "a settled action keeps its first answer")
{
  const auto entry = log.append(return_of("EB-0001"), 10);
  log.mark_delivered(entry.seq, {{"id", 1}}, 11);
  log.mark_refused(entry.seq, {{"id", 2}}, 12);
  const auto stored = log.find(entry.seq);
  CHECK(stored->state == "delivered");
  CHECK(stored->answer->at("id") == 1);
}

TEST_CASE_METHOD(fresh_journal, "a refusal counts as an exception only when the screen had already confirmed the action")
{
  auto offline = return_of("EB-0001");
  offline.confirmed_offline = true;
  const auto confirmed = log.append(offline, 10);
  const auto interactive = log.append(return_of("EB-0002"), 11);
  log.mark_refused(confirmed.seq, {}, 12);
  log.mark_refused(interactive.seq, {}, 12);
  auto counted = log.counts();
  CHECK(counted.exceptions == 1);
  CHECK(counted.exceptions_unreported == 1);
  REQUIRE(log.unreported_exceptions().size() == 1);
  log.mark_exception_reported(confirmed.seq);
  counted = log.counts();
  CHECK(counted.exceptions == 1);
  CHECK(counted.exceptions_unreported == 0);
  CHECK(log.unreported_exceptions().empty());
}

TEST_CASE_METHOD(fresh_journal, "failed attempts are counted with their reason and leave the action pending")
{
  const auto entry = log.append(return_of("EB-0001"), 10);
  log.record_failed_attempt(entry.seq, "connection refused");
  log.record_failed_attempt(entry.seq, "timed out");
  const auto stored = log.find(entry.seq);
  CHECK(stored->state == "pending");
  CHECK(stored->attempts == 2);
  CHECK(stored->last_error == "timed out");
  CHECK(log.counts().pending == 1);
}

TEST_CASE_METHOD(fresh_journal, "a withdrawn action leaves the replay queue")
{
  const auto entry = log.append(return_of("EB-0001"), 10);
  log.mark_withdrawn(entry.seq, "not confirmed", 11);
  CHECK_FALSE(log.next_pending());
  CHECK(log.find(entry.seq)->state == "withdrawn");
}

TEST_CASE_METHOD(fresh_journal, "pending actions can be listed by kind")
{
  log.append(return_of("EB-0001"), 10);
  log.append({.kind = "checkout", .payload = {{"bike_tag", "EB-0002"}}, .staff_id = 7, .bike_tag = "EB-0002", .staff_proof = {}}, 11);
  const auto checkouts = log.pending_of_kind("checkout");
  REQUIRE(checkouts.size() == 1);
  CHECK(checkouts.front().bike_tag == "EB-0002");
  CHECK(checkouts.front().staff_id == 7);
}

TEST_CASE_METHOD(fresh_journal, "a bike lent from here is known by its loan until a return of it is journalled")
{
  const auto lent = log.append(
      {.kind = "checkout", .payload = {{"bike_id", 3}, {"accessories", {"helmet"}}}, .staff_id = 7, .bike_tag = "EB-0003", .staff_proof = {}},
      10);
  CHECK_FALSE(log.find_loan_lent_here("EB-0003"));
  log.mark_delivered(lent.seq, {{"id", 41}, {"due_at", "2025-02-01T00:00:00Z"}}, 11);
  const auto found = log.find_loan_lent_here("EB-0003");
  REQUIRE(found);
  CHECK(found->loan_id == 41);
  CHECK(found->accessories == std::vector<std::string>{"helmet"});
  CHECK(log.bike_tag_of_loan(41) == "EB-0003");
  CHECK_FALSE(log.find_loan_lent_here("EB-0004"));
  log.append(return_of("EB-0003"), 12);
  CHECK_FALSE(log.find_loan_lent_here("EB-0003"));
}

TEST_CASE_METHOD(fresh_journal, "a checkout journalled offline stops counting as lent once a return of that bike is journalled")
{
  const auto lent = log.append({.kind = "checkout", .payload = {{"bike_id", 3}}, .staff_id = 7, .bike_tag = "EB-0003", .staff_proof = {}}, 10);
  log.append({.kind = "checkout", .payload = {{"bike_id", 4}}, .staff_id = 8, .bike_tag = "EB-0004", .staff_proof = {}}, 11);
  CHECK(log.pending_checkouts_still_out().size() == 2);
  CHECK(log.lent_here_while_pending("EB-0003"));

  log.append(return_of("EB-0003"), 12);
  const auto still_out = log.pending_checkouts_still_out();
  REQUIRE(still_out.size() == 1);
  CHECK(still_out.front().bike_tag == "EB-0004");

  log.mark_delivered(lent.seq, {{"id", 41}}, 13);
  CHECK_FALSE(log.lent_here_while_pending("EB-0003"));
  CHECK_FALSE(log.lent_here_while_pending("EB-0009"));
}

TEST_CASE_METHOD(fresh_journal, "what replay learns for an action is kept with it, with the proof of who it is for")
{
  const auto back = log.append({.kind = "return", .payload = {{"bike_tag", "EB-0003"}}, .staff_id = 7,
                                .bike_tag = "EB-0003", .confirmed_offline = true, .staff_proof = "proof-7"},
                               10);
  log.update_payload(back.seq, {{"bike_tag", "EB-0003"}, {"loan_id", 41}});
  const auto kept = log.find(back.seq);
  CHECK(kept->payload.at("loan_id") == 41);
  CHECK(kept->staff_proof == "proof-7");
  CHECK(kept->idempotency_key == back.idempotency_key);
}
