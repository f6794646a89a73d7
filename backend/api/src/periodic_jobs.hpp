#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace pedalpower::api {

/// Runs housekeeping tasks (expiring reservations, forgetting old idempotency keys, reducing old
/// positions) at fixed intervals on one background thread, until destroyed.
class periodic_jobs {
public:
  struct task {
    std::string name;
    std::chrono::seconds interval;
    std::function<void()> run;
  };

  explicit periodic_jobs(std::vector<task> tasks);
  ~periodic_jobs();
  periodic_jobs(const periodic_jobs&) = delete;
  periodic_jobs& operator=(const periodic_jobs&) = delete;

private:
  void loop();

  std::vector<task> tasks_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace pedalpower::api
