#include "connection_registry.hpp"

#include <vector>

namespace pedalpower::http {

connection_registry::lease::~lease()
{
  if (control_) registry_->release(*control_, address_);
}

connection_registry::lease connection_registry::admit(boost::asio::any_io_executor executor, const std::string& address)
{
  const std::lock_guard lock(mutex_);
  if (stopping_ || open_.size() >= limit_) return lease(*this, nullptr, {});
  auto& from_address = per_address_[address];
  if (from_address >= limit_per_address_) return lease(*this, nullptr, {});
  ++from_address;
  auto control = std::make_shared<connection_control>(std::move(executor));
  open_.emplace(control.get(), control);
  return lease(*this, std::move(control), address);
}

void connection_registry::release(const connection_control& control, const std::string& address)
{
  std::function<void()> notify;
  {
    const std::lock_guard lock(mutex_);
    open_.erase(&control);
    if (const auto found = per_address_.find(address); found != per_address_.end() && --found->second == 0) {
      per_address_.erase(found);
    }
    if (stopping_ && open_.empty()) notify = std::exchange(on_empty_, nullptr);
  }
  if (notify) notify();
}

void connection_registry::stop(std::function<void()> on_empty)
{
  std::vector<std::shared_ptr<connection_control>> connections;
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    if (!open_.empty()) {
      on_empty_ = std::move(on_empty);
      for (const auto& [key, control] : open_) connections.push_back(control);
    }
  }
  if (connections.empty() && on_empty) on_empty();
  for (const auto& control : connections) control->close_when_idle();
}

void connection_registry::shut_down()
{
  std::vector<std::shared_ptr<connection_control>> connections;
  {
    const std::lock_guard lock(mutex_);
    on_empty_ = nullptr;
    for (const auto& [key, control] : open_) connections.push_back(control);
  }
  for (const auto& control : connections) control->abandon_pending();
}

std::size_t connection_registry::size() const
{
  const std::lock_guard lock(mutex_);
  return open_.size();
}

}  // namespace pedalpower::http
