#include "storage_alarm.hpp"

#include <cstdio>
#include <string>

namespace pedalpower::api {
namespace {

std::string reason_of(const std::exception_ptr& failure)
{
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an unknown failure";
  }
}

}  // namespace

storage_alarm::storage_alarm(sink warn) : warn_(std::move(warn)) {}

void storage_alarm::refused(const std::exception_ptr& failure)
{
  if (refused_in_a_row_.fetch_add(1) != 0) return;
  tell("the database refused a change (" + reason_of(failure) +
       "): changes are answered 503 storage_unavailable until it takes them again");
}

void storage_alarm::saved()
{
  const auto refused = refused_in_a_row_.exchange(0);
  if (refused == 0) return;
  tell("the database takes changes again; " + std::to_string(refused) + " were refused meanwhile");
}

void storage_alarm::tell(std::string_view message) const
{
  if (warn_) {
    warn_(message);
  } else {
    std::fprintf(stderr, "warn: %.*s\n", static_cast<int>(message.size()), message.data());
  }
}

}  // namespace pedalpower::api
