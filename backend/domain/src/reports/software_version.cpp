#include "reports/software_version.hpp"

namespace pedalpower::domain {

const char* const software_version = PEDALPOWER_VERSION;

}  // namespace pedalpower::domain
