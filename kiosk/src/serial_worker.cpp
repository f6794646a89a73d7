#include "pedalpower/kiosk/serial_worker.hpp"

namespace pedalpower::kiosk {

void serial_worker::submit(std::function<void()> task)
{
  // The queue is unbounded, so only a worker being destroyed turns a task away, and then no one
  // is left to run it.
  thread_.try_submit(std::move(task));
}

}  // namespace pedalpower::kiosk
