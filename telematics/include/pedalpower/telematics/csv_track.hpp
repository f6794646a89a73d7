#pragma once

#include <string_view>
#include <vector>

#include "pedalpower/telematics/position.hpp"

namespace pedalpower::telematics {

/// Reads a CSV track: a header row naming at least `time`, `lat` and `lon` in any order and
/// optionally `accuracy` (m), `speed` (m/s) and `odometer` (m); other columns are ignored. Then
/// one fix per row; empty cells of optional columns are absent values, blank lines are skipped,
/// CRLF line ends and double-quoted cells are accepted. Times are any form parse_timestamp reads.
/// Throws invalid_input naming the column (and giving the line) on a missing column, a row with
/// too few cells or a bad value.
std::vector<position> parse_csv_track(std::string_view text);

}  // namespace pedalpower::telematics
