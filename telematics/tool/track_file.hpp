#pragma once

#include <string>
#include <vector>

#include "pedalpower/telematics/position.hpp"

namespace pedalpower::telematics::cli {

/// The whole of a file as text. Throws std::runtime_error if it cannot be read.
std::string read_file(const std::string& path);

/// The fixes of a GPX or CSV file, told apart by extension or, failing that, by whether the text
/// starts with '<'. Throws std::runtime_error if unreadable, invalid_input if malformed.
std::vector<position> read_track_file(const std::string& path);

}  // namespace pedalpower::telematics::cli
