#pragma once

#include <string>

#include "pedalpower/api/response.hpp"

namespace pedalpower::kiosk {

/// The touch UI's files under `root`: "/" is index.html. 404 for anything outside `root` or
/// missing. Every page forbids fetching anything beyond this origin.
api::response serve_ui_file(const std::string& root, const std::string& path);

}  // namespace pedalpower::kiosk
