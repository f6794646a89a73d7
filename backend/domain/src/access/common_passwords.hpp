#pragma once

#include <string_view>

namespace pedalpower::domain {

/// backend/domain/data/common_passwords.txt as built into the program: one password a line, most
/// common first.
std::string_view common_passwords_text();

}  // namespace pedalpower::domain
