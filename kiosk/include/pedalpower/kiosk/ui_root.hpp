#pragma once

#include <string>

namespace pedalpower::kiosk {

/// Where the UI files are when --ui-root is not given: the installed copy beside the program
/// (../share/pedalpower/kiosk-ui), else the folder compiled in: the installed share folder in a
/// package build, the source folder in any other.
std::string default_ui_root();

}  // namespace pedalpower::kiosk
