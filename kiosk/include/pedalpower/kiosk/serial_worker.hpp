#pragma once

#include <functional>

#include "pedalpower/workers/worker_pool.hpp"

namespace pedalpower::kiosk {

/// Runs submitted tasks one at a time, in order, on its own thread: the kiosk serves one person,
/// and its journal connection must not be shared between threads.
class serial_worker {
public:
  /// Finishes the queued tasks, then stops.
  ~serial_worker() = default;

  void submit(std::function<void()> task);

private:
  workers::worker_pool thread_{{.name = "kiosk", .threads = 1}};
};

}  // namespace pedalpower::kiosk
