#include "pedalpower/kiosk/serial_worker.hpp"

namespace pedalpower::kiosk {

serial_worker::serial_worker() : thread_([this] { run(); }) {}

serial_worker::~serial_worker()
{
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void serial_worker::submit(std::function<void()> task)
{
  {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
  }
  wake_.notify_all();
}

void serial_worker::run()
{
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
    if (tasks_.empty()) return;
    auto task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    task();
    lock.lock();
  }
}

}  // namespace pedalpower::kiosk
