#pragma once

#include <optional>
#include <string_view>

#include "pedalpower/core/outcome.hpp"

namespace pedalpower::domain {

/// What a new password is compared with besides itself; empty parts are not checked.
struct password_context {
  std::string_view username;
  std::string_view current_password;
};

/// The rules a new password must meet; nullopt if it is fine. Problems (all invalid, field
/// "password"): password_too_short (under 12 characters), password_too_long (over 1024),
/// password_too_repetitive (few different characters, or one piece repeated), password_too_common
/// (on the shipped list of common and breached passwords, alone or with digits and symbols around
/// it), password_contains_username, password_reused (the same as the current one).
std::optional<problem> check_new_password(std::string_view password, const password_context& context = {});

}  // namespace pedalpower::domain
