#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "pedalpower/api/response.hpp"
#include "pedalpower/core/outcome.hpp"

namespace pedalpower::api {

/// A request that cannot be served, thrown from a handler and rendered as the JSON error body.
class error : public std::runtime_error {
public:
  error(problem_kind kind, std::string code, const std::string& message, std::string field = {})
      : std::runtime_error(message), kind_(kind), code_(std::move(code)), field_(std::move(field))
  {
  }
  explicit error(const problem& failure) : error(failure.kind, failure.code, failure.message, failure.field) {}
  problem_kind kind() const noexcept { return kind_; }
  unsigned status() const noexcept { return status_for(kind_); }
  const std::string& code() const noexcept { return code_; }
  const std::string& field() const noexcept { return field_; }
  response to_response() const { return error_response(kind_, code_, what(), field_); }

private:
  problem_kind kind_;
  std::string code_;
  std::string field_;
};

response problem_response(const problem& failure);

/// The outcome's value as the JSON answer, with `status`, or its problem.
template <typename T>
response json_or_problem(const outcome<T>& result, unsigned status = 200)
{
  return result ? json_response(result.value(), status) : problem_response(result.error());
}

/// 201 with the outcome's value and its Location, `collection` followed by the new id, or its problem.
template <typename T>
response created_or_problem(const outcome<T>& result, std::string_view collection)
{
  if (!result) return problem_response(result.error());
  return created_response(result.value(), std::string(collection) + "/" + std::to_string(result->id));
}

/// 204 with no body when the outcome succeeded, or its problem.
template <typename T>
response no_content_or_problem(const outcome<T>& result)
{
  return result ? no_content() : problem_response(result.error());
}

}  // namespace pedalpower::api
