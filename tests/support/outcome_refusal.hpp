#pragma once

#include <string>

/// The code of the problem an outcome was refused with, or "done" when it succeeded.
std::string refusal(const auto& result) { return result ? std::string("done") : result.error().code; }

/// The field an outcome's problem names, or "done" when it succeeded.
std::string refused_field(const auto& result) { return result ? std::string("done") : result.error().field; }
