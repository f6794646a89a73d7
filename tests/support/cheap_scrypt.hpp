#pragma once

#include "pedalpower/core/secrets.hpp"

/// An scrypt cost cheap enough for tests that hash many secrets; the server keeps its own default.
inline constexpr pedalpower::scrypt_cost cheap_scrypt_cost{1024, 8, 1};
