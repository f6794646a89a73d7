#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <type_traits>

#include "pedalpower/db/connection.hpp"

namespace pedalpower::db {

/// The database's single writer. Jobs queued while a commit is in flight are committed together in
/// one `BEGIN IMMEDIATE` transaction (group commit), each inside its own savepoint, so a job that
/// throws is rolled back alone. A job's completion runs only after the commit is durable.
class write_queue {
public:
  using work = std::function<void(connection&)>;
  /// Receives nullptr once the job's changes are committed, or the exception that undid them.
  using completion = std::function<void(std::exception_ptr)>;

  /// Opens the writer's own connection and starts its thread. Throws db::error.
  explicit write_queue(const connection_options& options, std::size_t max_batch = 512);
  /// Finishes every queued job, then stops.
  ~write_queue();
  write_queue(const write_queue&) = delete;
  write_queue& operator=(const write_queue&) = delete;

  /// How many batches the writer has finished. It grows after each commit and before any of that
  /// batch's completions run, so a cache of what readers saw stays valid while it is unchanged.
  std::uint64_t commits() const noexcept { return commits_.load(std::memory_order_acquire); }

  /// Queues `job`; `done` is called on the writer's thread after the batch holding it commits.
  void submit(work job, completion done);

  /// Queues `job` and returns a future of its result, ready once that result is committed.
  template <typename Job>
  auto run(Job job) -> std::future<std::invoke_result_t<Job&, connection&>>
  {
    using result = std::invoke_result_t<Job&, connection&>;
    auto promise = std::make_shared<std::promise<result>>();
    auto value = std::make_shared<std::optional<std::conditional_t<std::is_void_v<result>, bool, result>>>();
    auto future = promise->get_future();
    submit(
        [job = std::move(job), value](connection& db) mutable {
          if constexpr (std::is_void_v<result>) {
            job(db);
            value->emplace(true);
          } else {
            value->emplace(job(db));
          }
        },
        [promise, value](std::exception_ptr failure) {
          if (failure) {
            promise->set_exception(failure);
          } else if constexpr (std::is_void_v<result>) {
            promise->set_value();
          } else {
            promise->set_value(std::move(**value));
          }
        });
    return future;
  }

private:
  struct queued_job {
    work job;
    completion done;
  };

  void drain();
  void commit_batch(std::deque<queued_job>& batch);

  connection db_;
  std::size_t max_batch_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<queued_job> queue_;
  bool stopping_ = false;
  std::atomic<std::uint64_t> commits_{0};
  std::thread thread_;
};

}  // namespace pedalpower::db
