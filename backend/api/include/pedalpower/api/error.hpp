#pragma once

#include <stdexcept>
#include <string>

#include "pedalpower/api/response.hpp"
#include "pedalpower/domain/outcome.hpp"

namespace pedalpower::api {

/// A request that cannot be served, thrown from a handler and rendered as the JSON error body.
class error : public std::runtime_error {
public:
  error(unsigned status, std::string code, const std::string& message, std::string field = {})
      : std::runtime_error(message), status_(status), code_(std::move(code)), field_(std::move(field))
  {
  }
  unsigned status() const noexcept { return status_; }
  const std::string& code() const noexcept { return code_; }
  const std::string& field() const noexcept { return field_; }
  response to_response() const { return error_response(status_, code_, what(), field_); }

private:
  unsigned status_;
  std::string code_;
  std::string field_;
};

/// The one place a domain problem becomes an HTTP status.
unsigned status_for(domain::problem_kind kind);
response problem_response(const domain::problem& failure);

}  // namespace pedalpower::api
