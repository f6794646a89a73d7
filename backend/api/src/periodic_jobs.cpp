#include "periodic_jobs.hpp"

#include <cstdio>
#include <exception>

namespace pedalpower::api {

periodic_jobs::periodic_jobs(std::vector<task> tasks) : tasks_(std::move(tasks)), thread_([this] { loop(); }) {}

periodic_jobs::~periodic_jobs()
{
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void periodic_jobs::loop()
{
  using clock = std::chrono::steady_clock;
  std::vector<clock::time_point> due(tasks_.size(), clock::now());
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    auto next = clock::time_point::max();
    for (std::size_t i = 0; i < tasks_.size(); ++i) {
      if (due[i] <= clock::now()) {
        lock.unlock();
        try {
          tasks_[i].run();
        } catch (const std::exception& failure) {
          std::fprintf(stderr, "error: periodic task %s failed: %s\n", tasks_[i].name.c_str(), failure.what());
        }
        lock.lock();
        due[i] = clock::now() + tasks_[i].interval;
      }
      next = std::min(next, due[i]);
    }
    if (stopping_) break;
    if (next == clock::time_point::max()) {
      wake_.wait(lock, [this] { return stopping_; });
    } else {
      wake_.wait_until(lock, next, [this] { return stopping_; });
    }
  }
}

}  // namespace pedalpower::api
