#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "running_scheme.hpp"

namespace {

constexpr int writers = 4;
constexpr int pairs_per_writer = 8;
constexpr int acknowledged_before_kill = 150;

struct acknowledged {
  std::mutex guard;
  std::vector<std::int64_t> checked_out;  ///< loan ids the server answered 201 for
  std::vector<std::int64_t> returned;     ///< loan ids the server answered 200 for on return
  std::atomic<int> total{0};
};

/// Checks bikes out and back in for its own staff and bikes until the server goes away.
void stream_loans(running_scheme& scheme, coordinator_client& client, const std::vector<std::int64_t>& people,
                  const std::vector<std::int64_t>& bikes, acknowledged& seen)
{
  try {
    for (std::size_t turn = 0;; ++turn) {
      const auto pair = turn % people.size();
      const auto lent = client.send("POST", "/api/v1/loans", scheme.checkout_body(people[pair], bikes[pair]));
      if (lent.status != 201) continue;
      const auto loan_id = nlohmann::json::parse(lent.body).at("id").get<std::int64_t>();
      {
        std::lock_guard lock(seen.guard);
        seen.checked_out.push_back(loan_id);
      }
      ++seen.total;
      const auto back = client.send("POST", "/api/v1/loans/" + std::to_string(loan_id) + "/return",
                                    {{"accessories_returned", {"helmet", "lock"}}});
      if (back.status != 200) continue;
      {
        std::lock_guard lock(seen.guard);
        seen.returned.push_back(loan_id);
      }
      ++seen.total;
    }
  } catch (const std::exception&) {
    // The server was killed: whatever it acknowledged before is what the test checks.
  }
}

}  // namespace

TEST_CASE("a server killed during a stream of checkouts keeps every loan it acknowledged", "[system][durability]")
{
  running_scheme scheme;
  const auto bikes = scheme.add_bikes(writers * pairs_per_writer);
  const auto people = scheme.add_staff(writers * pairs_per_writer);
  acknowledged seen;

  std::vector<std::unique_ptr<coordinator_client>> clients;
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    clients.push_back(scheme.another_coordinator());
    const auto from = people.begin() + w * pairs_per_writer;
    const auto bikes_from = bikes.begin() + w * pairs_per_writer;
    threads.emplace_back(stream_loans, std::ref(scheme), std::ref(*clients.back()),
                         std::vector<std::int64_t>(from, from + pairs_per_writer),
                         std::vector<std::int64_t>(bikes_from, bikes_from + pairs_per_writer), std::ref(seen));
  }
  while (seen.total < acknowledged_before_kill) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  scheme.server().kill_hard();
  for (auto& thread : threads) thread.join();

  scheme.server().restart();
  const auto& database = scheme.database_path();
  for (const auto loan_id : seen.checked_out) {
    INFO("loan " << loan_id);
    CHECK(count_rows(database, "SELECT count(*) FROM loans WHERE id = " + std::to_string(loan_id)) == 1);
  }
  for (const auto loan_id : seen.returned) {
    INFO("returned loan " << loan_id);
    CHECK(count_rows(database, "SELECT count(*) FROM loans WHERE status = 'returned' AND id = " +
                                   std::to_string(loan_id)) == 1);
  }
  CHECK(count_rows(database, "SELECT count(*) FROM (SELECT bike_id FROM loans WHERE status = 'active' "
                             "GROUP BY bike_id HAVING count(*) > 1)") == 0);
  CHECK(count_rows(database, "SELECT count(*) FROM bikes b WHERE (b.status = 'on_loan') <> EXISTS "
                             "(SELECT 1 FROM loans l WHERE l.bike_id = b.id AND l.status = 'active')") == 0);
  scheme.reconnect();
  CHECK(scheme.coordinator().send("GET", "/readyz").status == 200);
}
