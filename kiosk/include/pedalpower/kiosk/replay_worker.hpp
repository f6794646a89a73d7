#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/kiosk/backend_gateway.hpp"
#include "pedalpower/kiosk/backoff.hpp"
#include "pedalpower/kiosk/journal.hpp"

namespace pedalpower::kiosk {

/// How the kiosk last found the backend.
struct connectivity {
  bool online = false;
  std::string last_error;
  journal_counts counts;
};

/// What became of a journalled action the screen is waiting on.
enum class settlement { delivered, refused, unreachable, still_pending };

/// Runs the replay on its own thread with its own journal connection: drains the journal whenever
/// woken, waits out back-off after a network failure, checks the backend's health while idle, and
/// reports exceptions. The local API waits here for an interactive action's answer.
class replay_worker {
public:
  struct settings {
    std::string journal_path;
    backoff_policy backoff;
    std::chrono::milliseconds health_interval{5000};
  };

  replay_worker(settings options, backend_gateway& backend);
  /// Stops the thread after the attempt in flight, leaving everything unsent in the journal.
  ~replay_worker();
  replay_worker(const replay_worker&) = delete;
  replay_worker& operator=(const replay_worker&) = delete;

  /// Asks for a replay now (a new action was journalled).
  void wake();
  /// Waits up to `limit` for the action `seq` to be answered, or for an attempt to fail.
  /// `log` is the caller's own view of the journal.
  settlement wait_for(journal& log, std::int64_t seq, std::chrono::milliseconds limit);
  connectivity status() const;

private:
  void run();
  void replay_until_blocked(class replayer& replay, journal& log);
  bool stopping_now() const;
  void publish(bool online, std::string error, journal& log);
  template <typename Predicate>
  void sleep_until(std::chrono::steady_clock::time_point deadline, Predicate woken);

  settings settings_;
  backend_gateway& backend_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;
  bool wake_requested_ = false;
  connectivity status_;
  std::int64_t failed_attempts_ = 0;  ///< grows with every unreachable attempt, for waiters
  std::int64_t last_failed_seq_ = 0;
  std::thread thread_;
};

}  // namespace pedalpower::kiosk
