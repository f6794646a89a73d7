#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pedalpower::api {

/// One entry of an Accept header: "text/csv", "text/*" or "*/*", with its q-value.
struct media_range {
  std::string type;
  double q = 1.0;
};

/// The ranges of an Accept header, types in lower case; a q-value that does not read as a number is 0.
std::vector<media_range> ranges_of(std::string_view accept);

/// How welcome `type` ("type/subtype", lower case) is: the q of the most specific range that matches
/// it (exact, then type/*, then */*), or 0 when none does.
double welcome(const std::vector<media_range>& ranges, std::string_view type);

}  // namespace pedalpower::api
