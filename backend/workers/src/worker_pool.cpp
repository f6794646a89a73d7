#include "pedalpower/workers/worker_pool.hpp"

#include <cstdio>
#include <exception>
#include <stdexcept>

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace pedalpower::workers {
namespace {

// Enough for the network threads to win the CPU whenever they have something to do.
constexpr int background_niceness = 10;

void lower_own_priority()
{
#if defined(__linux__)
  // On Linux a thread has its own nice value; a failure only leaves it at normal priority.
  const auto self = static_cast<id_t>(gettid());
  setpriority(PRIO_PROCESS, self, getpriority(PRIO_PROCESS, self) + background_niceness);
#endif
}

}  // namespace

worker_pool::worker_pool(settings options) : settings_(std::move(options))
{
  if (settings_.threads == 0) throw std::invalid_argument("a worker pool needs at least one thread");
  threads_.reserve(settings_.threads);
  try {
    for (std::size_t i = 0; i < settings_.threads; ++i) threads_.emplace_back([this] { work(); });
  } catch (...) {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& thread : threads_) thread.join();
    throw;
  }
}

worker_pool::~worker_pool()
{
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& thread : threads_) thread.join();
}

bool worker_pool::try_submit(std::function<void()> job)
{
  {
    const std::lock_guard lock(mutex_);
    const auto taken = running_ + waiting_.size();
    const auto capacity = settings_.max_waiting > unbounded - settings_.threads ? unbounded
                                                                                 : settings_.threads + settings_.max_waiting;
    if (stopping_ || taken >= capacity) return false;
    waiting_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void worker_pool::work()
{
  if (settings_.background) lower_own_priority();
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
    if (waiting_.empty()) return;
    auto job = std::move(waiting_.front());
    waiting_.pop_front();
    ++running_;
    lock.unlock();
    try {
      job();
    } catch (const std::exception& failure) {
      // Jobs answer their own failures; one that escapes must not take the thread down with it.
      std::fprintf(stderr, "error: %s job failed: %s\n", settings_.name.c_str(), failure.what());
    } catch (...) {
      std::fprintf(stderr, "error: %s job failed\n", settings_.name.c_str());
    }
    lock.lock();
    --running_;
  }
}

}  // namespace pedalpower::workers
