#include "pedalpower/db/write_queue.hpp"

#include "pedalpower/db/transaction.hpp"

namespace pedalpower::db {

write_queue::write_queue(const connection_options& options, std::size_t max_batch)
    : db_(options), max_batch_(max_batch), thread_([this] { drain(); })
{
}

write_queue::~write_queue()
{
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void write_queue::submit(work job, completion done)
{
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({std::move(job), std::move(done)});
  }
  wake_.notify_one();
}

void write_queue::drain()
{
  std::deque<queued_job> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    commit_batch(batch);
    batch.clear();
  }
}

void write_queue::commit_batch(std::deque<queued_job>& batch)
{
  std::vector<std::exception_ptr> outcomes(batch.size());
  std::exception_ptr batch_failure;
  try {
    transaction tx(db_);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      savepoint unit(db_, "job");
      try {
        batch[i].job(db_);
        unit.commit();
      } catch (...) {
        outcomes[i] = std::current_exception();
      }
    }
    tx.commit();
  } catch (...) {
    batch_failure = std::current_exception();
  }
  commits_.fetch_add(1, std::memory_order_release);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (batch[i].done) batch[i].done(batch_failure ? batch_failure : outcomes[i]);
  }
}

}  // namespace pedalpower::db
