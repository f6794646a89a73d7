#pragma once

#include <string_view>
#include <vector>

#include "pedalpower/telematics/position.hpp"

namespace pedalpower::telematics {

/// Reads every `<trkpt lat lon>` of a GPX 1.0 or 1.1 document in document order, with its `<time>`
/// and `<ele>`. A UTF-8 byte-order mark, namespace prefixes, attribute order, either quote style,
/// whitespace, comments, CDATA, a DOCTYPE and `<extensions>` (with or without namespaces) are
/// tolerated. GPX starts a new track or segment where reception was lost or the receiver was off,
/// so the first point of each after the first point read is marked follows_break; empty segments
/// add nothing but a break. Throws invalid_input when the XML is malformed or a trkpt lacks lat,
/// lon or time (a planned route has no times) or holds a bad value; the field names the element or
/// attribute and the message gives the line.
std::vector<position> parse_gpx(std::string_view xml);

}  // namespace pedalpower::telematics
