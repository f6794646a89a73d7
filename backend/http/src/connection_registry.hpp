#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include <boost/asio/any_io_executor.hpp>

#include "connection_control.hpp"

namespace pedalpower::http {

/// Every open connection: enforces the connection limits (in all, and from any one client address,
/// so one client cannot take every place) and reaches them all on shutdown.
class connection_registry {
public:
  /// Held by a connection's coroutine; leaving the registry when destroyed.
  class lease {
  public:
    lease(connection_registry& registry, std::shared_ptr<connection_control> control, std::string address)
        : registry_(&registry), control_(std::move(control)), address_(std::move(address))
    {
    }
    lease(lease&& other) noexcept
        : registry_(other.registry_), control_(std::move(other.control_)), address_(std::move(other.address_))
    {
    }
    lease& operator=(lease&&) = delete;
    ~lease();

    explicit operator bool() const noexcept { return control_ != nullptr; }
    connection_control& control() const noexcept { return *control_; }

  private:
    connection_registry* registry_;
    std::shared_ptr<connection_control> control_;
    std::string address_;
  };

  connection_registry(std::size_t limit, std::size_t limit_per_address)
      : limit_(limit), limit_per_address_(limit_per_address)
  {
  }

  /// Registers a connection from client `address` served on `executor`; an empty lease when either
  /// limit is reached or the server is stopping.
  lease admit(boost::asio::any_io_executor executor, const std::string& address);

  /// Refuses new connections and asks every connection to close once idle; `on_empty` is called,
  /// from whichever thread closes the last one, when none is left (at once if none is open).
  void stop(std::function<void()> on_empty);
  /// Once the io threads have stopped: forgets `on_empty` and drops coroutines still waiting for a
  /// response, so nothing reaches the io_context after it is destroyed.
  void shut_down();

  std::size_t size() const;

private:
  void release(const connection_control& control, const std::string& address);

  std::size_t limit_;
  std::size_t limit_per_address_;
  std::unordered_map<std::string, std::size_t> per_address_;
  mutable std::mutex mutex_;
  std::unordered_map<const connection_control*, std::shared_ptr<connection_control>> open_;
  bool stopping_ = false;
  std::function<void()> on_empty_;
};

}  // namespace pedalpower::http
