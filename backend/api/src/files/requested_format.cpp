#include "files/requested_format.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string>

#include "pedalpower/api/error.hpp"
#include "pedalpower/api/request.hpp"

namespace pedalpower::api {
namespace {

using exports::file_format;

/// In order of preference when a client welcomes several equally.
constexpr std::array<file_format, 4> offered{file_format::json, file_format::csv, file_format::xlsx, file_format::ods};
constexpr std::array<file_format, 3> files{file_format::csv, file_format::xlsx, file_format::ods};

std::string_view trimmed(std::string_view text)
{
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text)
{
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// "type/subtype" without parameters.
std::string_view bare_type(file_format format)
{
  const auto full = exports::media_type(format);
  return full.substr(0, full.find(';'));
}

struct media_range {
  std::string type;  ///< "text/csv", "text/*" or "*/*"
  double q = 1.0;
};

std::vector<media_range> ranges_of(std::string_view accept)
{
  std::vector<media_range> ranges;
  while (!accept.empty()) {
    const auto comma = accept.find(',');
    auto item = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view{} : accept.substr(comma + 1);
    const auto semicolon = item.find(';');
    media_range range{lower(trimmed(item.substr(0, semicolon)))};
    if (range.type.empty()) continue;
    for (auto parameters = semicolon == std::string_view::npos ? std::string_view{} : item.substr(semicolon + 1);
         !parameters.empty();) {
      const auto next = parameters.find(';');
      const auto parameter = trimmed(parameters.substr(0, next));
      parameters = next == std::string_view::npos ? std::string_view{} : parameters.substr(next + 1);
      if (parameter.size() > 2 && (parameter[0] == 'q' || parameter[0] == 'Q') && parameter[1] == '=') {
        double q = 0.0;
        const auto value = parameter.substr(2);
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), q);
        range.q = ec == std::errc{} && end == value.data() + value.size() ? std::clamp(q, 0.0, 1.0) : 0.0;
      }
    }
    ranges.push_back(std::move(range));
  }
  return ranges;
}

/// How welcome `type` is: the q of the most specific range matching it (exact, then type/*, then */*), or 0.
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

std::string not_acceptable_message()
{
  std::string message = "this answer comes as";
  for (std::size_t i = 0; i < offered.size(); ++i) {
    message += i == 0 ? " " : i + 1 == offered.size() ? " or " : ", ";
    message += bare_type(offered[i]);
  }
  return message;
}

}  // namespace

std::vector<std::string> file_endings()
{
  std::vector<std::string> endings;
  for (const auto format : files) endings.push_back("." + std::string(exports::file_ending(format)));
  return endings;
}

file_format requested_format(const request& req)
{
  for (const auto format : files) {
    if (req.path.ends_with("." + std::string(exports::file_ending(format)))) return format;
  }
  const auto accept = trimmed(req.header("accept").value_or(""));
  if (accept.empty()) return file_format::json;
  const auto ranges = ranges_of(accept);
  double best_q = 0.0;
  auto best = file_format::json;
  for (const auto format : offered) {
    const double q = welcome(ranges, bare_type(format));
    if (q > best_q) {
      best_q = q;
      best = format;
    }
  }
  if (best_q <= 0.0) {
    throw error(problem_kind::not_acceptable, "not_acceptable", not_acceptable_message(), "Accept");
  }
  return best;
}

bool asks_for_file(const request& req) noexcept
{
  try {
    return requested_format(req) != file_format::json;
  } catch (...) {
    return false;
  }
}

}  // namespace pedalpower::api
