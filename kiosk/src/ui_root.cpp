#include "pedalpower/kiosk/ui_root.hpp"

#include <filesystem>

namespace pedalpower::kiosk {

std::string default_ui_root()
{
  std::error_code ignored;
  const auto program = std::filesystem::read_symlink("/proc/self/exe", ignored);
  if (!ignored) {
    const auto installed = program.parent_path().parent_path() / "share" / "pedalpower" / "kiosk-ui";
    if (std::filesystem::is_directory(installed, ignored)) return installed.string();
  }
  return PEDALPOWER_KIOSK_UI_ROOT;
}

}  // namespace pedalpower::kiosk
