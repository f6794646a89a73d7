#pragma once

#include <string>
#include <utility>
#include <variant>

namespace pedalpower {

/// Why a request was not carried out. The API's contract maps each kind to one HTTP status in one
/// place (`api::status_for`); nothing else chooses a status for a failure.
enum class problem_kind {
  malformed,               ///< the request cannot be read: bad JSON, query, header or framing (400)
  unauthenticated,         ///< no valid credentials, or they have ended (401)
  forbidden,               ///< the caller may not do this to this thing (403)
  not_found,               ///< a named thing does not exist (404)
  method_not_allowed,      ///< the path exists but not with this method (405)
  not_acceptable,          ///< no answer in a format the caller accepts (406)
  conflict,                ///< the current state forbids it: bike on loan, duplicate tag (409)
  refused,                 ///< the pay-band policy or a business rule says no (409, with a specific code)
  too_large,               ///< the body is over its limit (413)
  unsupported_media_type,  ///< the body is not of a type the route reads (415)
  invalid,                 ///< the input breaks a rule (422)
  rate_limited,            ///< too many attempts; try again later (429)
  headers_too_large,       ///< the request's header is over its limit (431)
  internal,                ///< a fault on the server's side, never described to the caller (500)
  not_implemented,         ///< a protocol feature the server does not offer (501)
  unavailable,             ///< busy, or the database cannot take changes now (503)
};

struct problem {
  problem_kind kind;
  std::string code;     ///< stable machine-readable reason, e.g. "induction_required"
  std::string message;  ///< plain words a kiosk can show
  std::string field;    ///< the input field at fault, or empty
};

inline problem invalid(std::string field, std::string message, std::string code = "invalid")
{
  return {problem_kind::invalid, std::move(code), std::move(message), std::move(field)};
}
inline problem not_found(std::string code, std::string message, std::string field = {})
{
  return {problem_kind::not_found, std::move(code), std::move(message), std::move(field)};
}
inline problem conflict(std::string code, std::string message, std::string field = {})
{
  return {problem_kind::conflict, std::move(code), std::move(message), std::move(field)};
}
inline problem refused(std::string code, std::string message, std::string field = {})
{
  return {problem_kind::refused, std::move(code), std::move(message), std::move(field)};
}

/// The result of a domain operation: a value, or the problem that stopped it. Business refusals
/// travel here; broken invariants and I/O failures are exceptions.
template <typename T>
class outcome {
public:
  outcome(T value) : state_(std::move(value)) {}
  outcome(problem failure) : state_(std::move(failure)) {}

  explicit operator bool() const noexcept { return state_.index() == 0; }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T* operator->() const { return &std::get<0>(state_); }
  const problem& error() const { return std::get<1>(state_); }

private:
  std::variant<T, problem> state_;
};

/// For operations that return nothing but may fail.
struct done {};

}  // namespace pedalpower
