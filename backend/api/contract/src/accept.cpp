#include "pedalpower/api/accept.hpp"

#include <algorithm>
#include <charconv>

#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::api {

std::vector<media_range> ranges_of(std::string_view accept)
{
  std::vector<media_range> ranges;
  while (!accept.empty()) {
    const auto comma = accept.find(',');
    auto item = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view{} : accept.substr(comma + 1);
    const auto semicolon = item.find(';');
    media_range range{pedalpower::lower_case(pedalpower::trimmed(item.substr(0, semicolon)))};
    if (range.type.empty()) continue;
    for (auto parameters = semicolon == std::string_view::npos ? std::string_view{} : item.substr(semicolon + 1);
         !parameters.empty();) {
      const auto next = parameters.find(';');
      const auto parameter = pedalpower::trimmed(parameters.substr(0, next));
      parameters = next == std::string_view::npos ? std::string_view{} : parameters.substr(next + 1);
      if (parameter.size() > 2 && (parameter[0] == 'q' || parameter[0] == 'Q') && parameter[1] == '=') {
        double q = 0.0;
        const auto value = std::string_view(parameter).substr(2);
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), q);
        range.q = ec == std::errc{} && end == value.data() + value.size() ? std::clamp(q, 0.0, 1.0) : 0.0;
      }
    }
    ranges.push_back(std::move(range));
  }
  return ranges;
}

double welcome(const std::vector<media_range>& ranges, std::string_view type)
{
  const auto family = std::string(type.substr(0, type.find('/'))) + "/*";
  int best_specificity = -1;
  double q = 0.0;
  for (const auto& range : ranges) {
    const int specificity = range.type == type ? 2 : range.type == family ? 1 : range.type == "*/*" ? 0 : -1;
    if (specificity > best_specificity) {
      best_specificity = specificity;
      q = range.q;
    }
  }
  return q;
}

}  // namespace pedalpower::api
