#include "pedalpower/kiosk/replay_worker.hpp"

#include <random>

#include "pedalpower/kiosk/kiosk_database.hpp"
#include "pedalpower/kiosk/replayer.hpp"

namespace pedalpower::kiosk {

replay_worker::replay_worker(settings options, backend_gateway& backend)
    : settings_(std::move(options)), backend_(backend), thread_([this] { run(); })
{
}

replay_worker::~replay_worker()
{
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void replay_worker::wake()
{
  {
    std::lock_guard lock(mutex_);
    wake_requested_ = true;
  }
  changed_.notify_all();
}

connectivity replay_worker::status() const
{
  std::lock_guard lock(mutex_);
  return status_;
}

bool replay_worker::stopping_now() const
{
  std::lock_guard lock(mutex_);
  return stopping_;
}

settlement replay_worker::wait_for(journal& log, std::int64_t seq, std::chrono::milliseconds limit)
{
  std::unique_lock lock(mutex_);
  const auto failures_before = failed_attempts_;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    lock.unlock();
    const auto entry = log.find(seq);
    lock.lock();
    if (!entry) return settlement::still_pending;
    if (entry->state == "delivered") return settlement::delivered;
    if (entry->state == "refused") return settlement::refused;
    if (failed_attempts_ > failures_before && last_failed_seq_ <= seq) return settlement::unreachable;
    if (changed_.wait_until(lock, deadline) == std::cv_status::timeout) return settlement::still_pending;
  }
}

void replay_worker::publish(bool online, std::string error, journal& log)
{
  const auto counts = log.counts();
  {
    std::lock_guard lock(mutex_);
    status_.online = online;
    status_.last_error = std::move(error);
    status_.counts = counts;
  }
  changed_.notify_all();
}

template <typename Predicate>
void replay_worker::sleep_until(std::chrono::steady_clock::time_point deadline, Predicate woken)
{
  std::unique_lock lock(mutex_);
  changed_.wait_until(lock, deadline, [&] { return stopping_ || woken(); });
}

void replay_worker::replay_until_blocked(replayer& replay, journal& log)
{
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      wake_requested_ = false;
    }
    const auto taken = replay.step(pedalpower::current_time());
    if (taken.outcome == replay_step::result::idle) return;
    if (taken.outcome == replay_step::result::unreachable) {
      {
        std::lock_guard lock(mutex_);
        ++failed_attempts_;
        last_failed_seq_ = taken.entry->seq;
      }
      publish(false, taken.entry->last_error, log);
      // Back off; a health check that passes meanwhile ends the wait: the backend is back.
      const auto retry_at = std::chrono::steady_clock::now() + taken.retry_after;
      while (!stopping_now() && std::chrono::steady_clock::now() < retry_at) {
        sleep_until(std::min(retry_at, std::chrono::steady_clock::now() + settings_.health_interval),
                    [] { return false; });
        if (!stopping_now() && std::chrono::steady_clock::now() < retry_at && backend_.reachable()) {
          replay.reset_backoff();
          break;
        }
      }
      continue;
    }
    replay.report_exceptions();
    publish(true, {}, log);
  }
}

void replay_worker::run()
{
  auto database = open_kiosk_database(settings_.journal_path);
  journal log(*database);
  std::mt19937 generator{std::random_device{}()};
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  replayer replay(log, backend_, settings_.backoff, [&] { return unit(generator); });

  publish(backend_.reachable(), {}, log);
  for (;;) {
    replay_until_blocked(replay, log);
    if (stopping_now()) return;
    sleep_until(std::chrono::steady_clock::now() + settings_.health_interval, [this] { return wake_requested_; });
    if (stopping_now()) return;
    const bool online = backend_.reachable();
    if (online) replay.report_exceptions();
    publish(online, online ? std::string() : std::string("the backend does not answer"), log);
  }
}

}  // namespace pedalpower::kiosk
