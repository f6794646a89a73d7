#include "pedalpower/api/request.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "pedalpower/api/error.hpp"
#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/form_urlencoded.hpp"

namespace pedalpower::api {
namespace {

template <typename Pairs>
std::optional<std::string_view> first_named(const Pairs& pairs, std::string_view name)
{
  for (const auto& [key, value] : pairs) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string_view> request::header(std::string_view name) const { return first_named(headers, name); }

std::optional<std::string_view> request::query_param(std::string_view name) const
{
  if (query_names && std::find(query_names->begin(), query_names->end(), name) == query_names->end()) {
    throw std::logic_error("the route reads query parameter " + std::string(name) + ", which it does not declare");
  }
  return first_named(query, name);
}

const std::string& request::path_param(std::string_view name) const
{
  for (const auto& [key, value] : path_params) {
    if (key == name) return value;
  }
  throw std::out_of_range("route has no path parameter " + std::string(name));
}

std::int64_t request::path_id(std::string_view name) const
{
  const auto& text = path_param(name);
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
    throw error(problem_kind::not_found, "not_found", "no such " + std::string(name) + ": " + text, std::string(name));
  }
  return id;
}

bool parse_target(std::string_view target, std::string& path, std::vector<std::pair<std::string, std::string>>& query)
{
  const auto question = target.find('?');
  const auto raw_path = target.substr(0, question);
  if (raw_path.empty() || raw_path.front() != '/') return false;
  try {
    path = telematics::url_decode(raw_path, false);
    query = question == std::string_view::npos ? telematics::key_values{}
                                               : telematics::parse_form_urlencoded(target.substr(question + 1));
  } catch (const telematics::invalid_input&) {
    return false;
  }
  return true;
}

}  // namespace pedalpower::api
