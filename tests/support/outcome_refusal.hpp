#pragma once

#include <string>

#include "pedalpower/core/outcome.hpp"

/// The code of the problem an outcome was refused with, or "done" when it succeeded.
std::string refusal(const auto& result) { return result ? std::string("done") : result.error().code; }

/// The field an outcome's problem names, or "done" when it succeeded.
std::string refused_field(const auto& result) { return result ? std::string("done") : result.error().field; }

/// The field an outcome was refused for as invalid input; "done" when it succeeded, and the
/// problem's code when it was refused for another reason.
std::string invalid_field(const auto& result)
{
  if (result) return "done";
  if (result.error().kind != pedalpower::problem_kind::invalid) return "refused: " + result.error().code;
  return result.error().field;
}
