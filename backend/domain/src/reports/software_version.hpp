#pragma once

namespace pedalpower::domain {

/// The project's version, as CMake's project() states it, for a report's Method section.
extern const char* const software_version;

}  // namespace pedalpower::domain
