#pragma once

#include <string>

namespace pedalpower::kiosk {

/// A random (version 4) UUID from the OpenSSL generator, in lower-case 8-4-4-4-12 form.
std::string random_uuid();

}  // namespace pedalpower::kiosk
