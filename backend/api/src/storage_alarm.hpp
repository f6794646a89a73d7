#pragma once

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <string_view>

namespace pedalpower::api {

/// Tells the operator when the database stops taking changes (a full disk, a file made read-only)
/// and when it takes them again: one warning an episode, however many requests are refused in it.
class storage_alarm {
public:
  using sink = std::function<void(std::string_view message)>;

  /// `warn` gets each line; unset, lines go to stderr.
  explicit storage_alarm(sink warn);

  /// A change could not be saved because of `failure`.
  void refused(const std::exception_ptr& failure);
  /// A change was saved.
  void saved();

private:
  void tell(std::string_view message) const;

  sink warn_;
  std::atomic<std::uint64_t> refused_in_a_row_{0};
};

}  // namespace pedalpower::api
