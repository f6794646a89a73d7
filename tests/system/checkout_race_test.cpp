#include <catch2/catch.hpp>

#include <array>
#include <barrier>
#include <thread>

#include "running_scheme.hpp"

namespace {

constexpr int kiosks = 16;
constexpr int rounds = 200;

}  // namespace

TEST_CASE("16 kiosks racing for one bike 200 times: exactly one loan each round", "[system][race]")
{
  running_scheme scheme;
  const auto bike = scheme.add_bikes(1).front();
  const auto people = scheme.add_staff(kiosks);
  scheme.set_pins(people, "4826");
  std::vector<std::string> tokens;
  std::vector<std::string> staff_tokens;
  for (int k = 0; k < kiosks; ++k) {
    tokens.push_back(scheme.register_kiosk("race-kiosk-" + std::to_string(k)));
    staff_tokens.push_back(scheme.identify_at_kiosk(tokens[k], "S" + std::to_string(10000 + k), "4826")
                               .at("staff_token")
                               .get<std::string>());
  }

  std::vector<std::array<unsigned, kiosks>> statuses(rounds);
  std::vector<std::int64_t> winners_loans(rounds, 0);
  std::barrier start_round(kiosks);
  std::barrier round_done(kiosks);
  std::vector<std::string> failures(kiosks);

  const auto race = [&](int k) {
    http_client kiosk("127.0.0.1", scheme.server().port());
    const header_list headers{{"Authorization", "Bearer " + tokens[k]},
                              {"X-Staff-Token", staff_tokens[k]},
                              {"Content-Type", "application/json"}};
    const auto body = scheme.checkout_body(people[k], bike).dump();
    for (int round = 0; round < rounds; ++round) {
      start_round.arrive_and_wait();
      try {
        const auto answer = kiosk.request("POST", "/api/v1/loans", body, headers);
        statuses[round][k] = answer.status;
        if (answer.status == 201) winners_loans[round] = nlohmann::json::parse(answer.body).at("id").get<std::int64_t>();
      } catch (const std::exception& e) {
        failures[k] = e.what();
      }
      round_done.arrive_and_wait();
      // One kiosk takes the bike back in before the next round starts.
      if (k == 0 && winners_loans[round] != 0) {
        kiosk.request("POST", "/api/v1/loans/" + std::to_string(winners_loans[round]) + "/return",
                      R"({"accessories_returned": ["helmet", "lock"]})", headers);
      }
    }
  };
  std::vector<std::thread> threads;
  for (int k = 0; k < kiosks; ++k) threads.emplace_back(race, k);
  for (auto& thread : threads) thread.join();

  for (const auto& failure : failures) CHECK(failure.empty());
  int rounds_with_one_winner = 0;
  for (int round = 0; round < rounds; ++round) {
    int won = 0;
    int refused = 0;
    for (const auto status : statuses[round]) {
      won += status == 201;
      refused += status == 409;
    }
    INFO("round " << round);
    CHECK(won + refused == kiosks);
    rounds_with_one_winner += won == 1;
  }
  CHECK(rounds_with_one_winner == rounds);
  CHECK(count_rows(scheme.database_path(), "SELECT count(*) FROM loans") == rounds);
  CHECK(count_rows(scheme.database_path(), "SELECT count(*) FROM loans WHERE status = 'returned'") == rounds);
}
