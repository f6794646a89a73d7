#pragma once

#include <string>

namespace pedalpower::kiosk {

/// Where the UI files are when --ui-root is not given: the installed copy beside the program
/// (../share/pedalpower/kiosk-ui), else the source folder this build was made from.
std::string default_ui_root();

}  // namespace pedalpower::kiosk
