#include "pedalpower/api/error.hpp"

namespace pedalpower::api {

unsigned status_for(domain::problem_kind kind)
{
  switch (kind) {
    case domain::problem_kind::invalid: return 422;
    case domain::problem_kind::not_found: return 404;
    case domain::problem_kind::conflict: return 409;
    case domain::problem_kind::refused: return 409;
    case domain::problem_kind::forbidden: return 403;
  }
  return 500;
}

response problem_response(const domain::problem& failure)
{
  return error_response(status_for(failure.kind), failure.code, failure.message, failure.field);
}

}  // namespace pedalpower::api
