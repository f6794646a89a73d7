#include "files/requested_format.hpp"

#include <array>
#include <string>

#include "pedalpower/api/accept.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/request.hpp"
#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::api {
namespace {

using exports::file_format;

/// In order of preference when a client welcomes several equally.
constexpr std::array<file_format, 4> offered{file_format::json, file_format::csv, file_format::xlsx, file_format::ods};
constexpr std::array<file_format, 3> files{file_format::csv, file_format::xlsx, file_format::ods};

/// "type/subtype" without parameters.
std::string_view bare_type(file_format format)
{
  const auto full = exports::media_type(format);
  return full.substr(0, full.find(';'));
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
  const auto accept = pedalpower::trimmed(req.header("accept").value_or(""));
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
