#include "auth/slow_hash_pool.hpp"

#include <cstdio>
#include <exception>

namespace pedalpower::api::auth {

slow_hash_pool::slow_hash_pool(std::size_t threads, std::size_t max_waiting) : max_waiting_(max_waiting)
{
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

slow_hash_pool::~slow_hash_pool()
{
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& thread : threads_) thread.join();
}

bool slow_hash_pool::try_submit(std::function<void()> job)
{
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || waiting_.size() >= max_waiting_) return false;
    waiting_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void slow_hash_pool::work()
{
  while (true) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
      if (waiting_.empty()) return;
      job = std::move(waiting_.front());
      waiting_.pop_front();
    }
    try {
      job();
    } catch (const std::exception& failure) {
      // Jobs answer their own failures; one that escapes must not take the thread down with it.
      std::fprintf(stderr, "error: slow hash job failed: %s\n", failure.what());
    }
  }
}

}  // namespace pedalpower::api::auth
