#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "fresh_journal.hpp"
#include "pedalpower/kiosk/journal.hpp"
#include "pedalpower/kiosk/kiosk_database.hpp"
#include "pedalpower/kiosk/replayer.hpp"

using namespace pedalpower::kiosk;
using namespace std::chrono_literals;

namespace {

// A backend that honours idempotency keys as the real one does: a key it has seen gets its first
// answer. Every bike is on a loan until a return of it is applied.
class recording_backend : public backend_link {
public:
  backend_reply deliver(const journal_entry& entry) override
  {
    received.push_back(entry.idempotency_key);
    if (unreachable_calls > 0) {
      --unreachable_calls;
      return {backend_reply::verdict::unreachable, 0, nullptr, "connection refused"};
    }
    if (const auto seen = answers.find(entry.idempotency_key); seen != answers.end()) return seen->second;
    backend_reply reply;
    if (refused_tags.count(entry.bike_tag) != 0) {
      reply = {backend_reply::verdict::refused, 409, {{"error", {{"code", "bike_unavailable"}}}}, ""};
    } else if (entry.payload.value("loan_id", std::int64_t{0}) != loan_of(entry.bike_tag)) {
      reply = {backend_reply::verdict::refused, 409, {{"error", {{"code", "loan_not_active"}}}}, ""};
    } else {
      applied.push_back(entry.bike_tag);
      returned.insert(entry.bike_tag);
      reply = {backend_reply::verdict::accepted, 201, {{"bike_tag", entry.bike_tag}}, ""};
    }
    answers[entry.idempotency_key] = reply;
    if (lose_next_answer) {
      lose_next_answer = false;
      return {backend_reply::verdict::unreachable, 0, nullptr, "connection reset"};
    }
    return reply;
  }

  backend_reply find_active_loan(const std::string& bike_tag) override
  {
    ++lookups;
    if (returned.count(bike_tag) != 0) {
      return {backend_reply::verdict::refused, 404, {{"error", {{"code", "no_active_loan"}}}}, ""};
    }
    return {backend_reply::verdict::accepted, 200, {{"id", loan_of(bike_tag)}}, ""};
  }

  backend_reply report_exception(const journal_entry& entry) override
  {
    if (unreachable_calls > 0) return {backend_reply::verdict::unreachable, 0, nullptr, "down"};
    exceptions.push_back(entry.bike_tag);
    return {backend_reply::verdict::accepted, 201, nullptr, ""};
  }

  /// The loan a bike is on: a number made from its tag.
  static std::int64_t loan_of(const std::string& bike_tag) { return 1000 + std::stoll(bike_tag.substr(3)); }

  int unreachable_calls = 0;
  bool lose_next_answer = false;  ///< applies the action, then the reply never reaches the kiosk
  int lookups = 0;
  std::set<std::string> refused_tags;
  std::set<std::string> returned;
  std::vector<std::string> received;
  std::vector<std::string> applied;
  std::vector<std::string> exceptions;
  std::map<std::string, backend_reply> answers;
};

new_action offline_return(const std::string& tag)
{
  return {.kind = "return", .payload = {{"bike_tag", tag}}, .staff_id = std::nullopt, .bike_tag = tag,
          .confirmed_offline = true, .staff_proof = {}};
}

void drain(replayer& replay)
{
  for (int i = 0; i < 100 && replay.step(100).outcome != replay_step::result::idle; ++i) {
  }
}

double middle() { return 0.5; }

}  // namespace

TEST_CASE_METHOD(fresh_journal, "actions are replayed strictly in the order they were journalled")
{
  for (const auto* tag : {"EB-0003", "EB-0001", "EB-0002"}) log.append(offline_return(tag), 10);
  recording_backend backend;
  replayer replay(log, backend, {}, middle);
  drain(replay);
  CHECK(backend.applied == std::vector<std::string>{"EB-0003", "EB-0001", "EB-0002"});
  CHECK(log.counts().pending == 0);
}

TEST_CASE_METHOD(fresh_journal, "a network failure retries the same action with a growing wait and lets nothing overtake it")
{
  const auto first = log.append(offline_return("EB-0001"), 10);
  log.append(offline_return("EB-0002"), 11);
  recording_backend backend;
  backend.unreachable_calls = 3;
  replayer replay(log, backend, {1000ms, 60000ms}, middle);

  std::vector<std::chrono::milliseconds> waits;
  for (int i = 0; i < 3; ++i) {
    const auto taken = replay.step(20);
    REQUIRE(taken.outcome == replay_step::result::unreachable);
    CHECK(taken.entry->seq == first.seq);
    waits.push_back(taken.retry_after);
  }
  CHECK(waits[0] < waits[1]);
  CHECK(waits[1] < waits[2]);
  CHECK(log.find(first.seq)->attempts == 3);
  CHECK(backend.received == std::vector<std::string>(3, first.idempotency_key));

  drain(replay);
  CHECK(backend.applied == std::vector<std::string>{"EB-0001", "EB-0002"});
  CHECK(replay.consecutive_failures() == 0);
}

TEST_CASE_METHOD(fresh_journal, "a refused replay is kept as an exception and replay moves on to the next action")
{
  const auto refused = log.append(offline_return("EB-0001"), 10);
  log.append(offline_return("EB-0002"), 11);
  recording_backend backend;
  backend.refused_tags = {"EB-0001"};
  replayer replay(log, backend, {}, middle);
  drain(replay);

  CHECK(backend.applied == std::vector<std::string>{"EB-0002"});
  const auto kept = log.find(refused.seq);
  CHECK(kept->state == "refused");
  CHECK(kept->answer->at("error").at("code") == "bike_unavailable");
  CHECK(log.counts().exceptions == 1);

  CHECK(replay.report_exceptions() == 1);
  CHECK(backend.exceptions == std::vector<std::string>{"EB-0001"});
  CHECK(log.counts().exceptions_unreported == 0);
  CHECK(log.counts().exceptions == 1);
}

TEST_CASE_METHOD(fresh_journal, "an exception that cannot be reported now is reported on a later try")
{
  log.append(offline_return("EB-0001"), 10);
  recording_backend backend;
  backend.refused_tags = {"EB-0001"};
  replayer replay(log, backend, {}, middle);
  drain(replay);
  backend.unreachable_calls = 1;
  CHECK(replay.report_exceptions() == 0);
  CHECK(log.counts().exceptions_unreported == 1);
  backend.unreachable_calls = 0;
  CHECK(replay.report_exceptions() == 1);
  CHECK(backend.exceptions.size() == 1);
}

TEST_CASE("a restart mid-replay resends the unanswered action with its key and it is applied once")
{
  temp_database file;
  recording_backend backend;
  {
    auto database = open_kiosk_database(file.path());
    journal log(*database);
    log.append(offline_return("EB-0001"), 10);
    log.append(offline_return("EB-0002"), 11);
    log.append(offline_return("EB-0003"), 12);
    replayer replay(log, backend, {}, middle);
    REQUIRE(replay.step(20).outcome == replay_step::result::delivered);
    backend.lose_next_answer = true;
    REQUIRE(replay.step(21).outcome == replay_step::result::unreachable);
  }  // the kiosk stops here: EB-0002 was applied but its answer never arrived

  auto database = open_kiosk_database(file.path());
  journal log(*database);
  replayer replay(log, backend, {}, middle);
  drain(replay);
  CHECK(backend.applied == std::vector<std::string>{"EB-0001", "EB-0002", "EB-0003"});
  CHECK(backend.received.size() == 4);
  CHECK(log.counts().pending == 0);
}

TEST_CASE_METHOD(fresh_journal, "a return journalled without its loan keeps the loan found first, so a lost answer files no exception")
{
  const auto back = log.append(offline_return("EB-0001"), 10);
  recording_backend backend;
  backend.lose_next_answer = true;
  replayer replay(log, backend, {}, middle);

  REQUIRE(replay.step(20).outcome == replay_step::result::unreachable);
  CHECK(log.find(back.seq)->payload.at("loan_id") == recording_backend::loan_of("EB-0001"));
  const auto retried = replay.step(21);
  CHECK(retried.outcome == replay_step::result::delivered);
  CHECK(retried.entry->state == "delivered");
  CHECK(backend.lookups == 1);
  CHECK(backend.received == std::vector<std::string>(2, back.idempotency_key));
  CHECK(log.counts().exceptions == 0);
}

TEST_CASE_METHOD(fresh_journal, "a return of a bike on no loan is refused once it is looked up, and kept as an exception")
{
  const auto back = log.append(offline_return("EB-0001"), 10);
  recording_backend backend;
  backend.returned = {"EB-0001"};
  replayer replay(log, backend, {}, middle);
  CHECK(replay.step(20).outcome == replay_step::result::refused);
  CHECK(log.find(back.seq)->answer->at("error").at("code") == "no_active_loan");
  CHECK(backend.received.empty());
  CHECK(log.counts().exceptions == 1);
}

TEST_CASE_METHOD(fresh_journal, "with nothing journalled a replay step does nothing")
{
  recording_backend backend;
  replayer replay(log, backend, {}, middle);
  CHECK(replay.step(1).outcome == replay_step::result::idle);
  CHECK(backend.received.empty());
}
