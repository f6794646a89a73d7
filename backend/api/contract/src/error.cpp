#include "pedalpower/api/error.hpp"

namespace pedalpower::api {

response problem_response(const problem& failure)
{
  return error_response(failure.kind, failure.code, failure.message, failure.field);
}

}  // namespace pedalpower::api
