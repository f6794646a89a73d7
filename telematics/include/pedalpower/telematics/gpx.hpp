#pragma once

#include <string_view>
#include <vector>

#include "pedalpower/telematics/position.hpp"

namespace pedalpower::telematics {

/// Reads every `<trkpt lat lon>` of a GPX 1.0 or 1.1 document in document order, with its `<time>`
/// and `<ele>`. Namespace prefixes, attribute order, either quote style, whitespace, comments,
/// CDATA, a DOCTYPE and `<extensions>` are tolerated; segments are concatenated (a long pause
/// between them is still seen as a gap by the trip segmenter). Throws invalid_input when the XML
/// is malformed or a trkpt lacks lat, lon or time or holds a bad value; the field names the
/// element or attribute and the message gives the line.
std::vector<position> parse_gpx(std::string_view xml);

}  // namespace pedalpower::telematics
