#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace pedalpower::kiosk {

/// Runs submitted tasks one at a time, in order, on its own thread: the kiosk serves one person,
/// and its journal connection must not be shared between threads.
class serial_worker {
public:
  serial_worker();
  /// Finishes the queued tasks, then stops.
  ~serial_worker();
  serial_worker(const serial_worker&) = delete;
  serial_worker& operator=(const serial_worker&) = delete;

  void submit(std::function<void()> task);

private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace pedalpower::kiosk
