#include "routes/list_page.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "pedalpower/api/error.hpp"
#include "pedalpower/api/request.hpp"

namespace pedalpower::api {
namespace {

std::string listed(std::initializer_list<std::string_view> names)
{
  std::string text;
  for (const auto name : names) {
    if (!text.empty()) text += ", ";
    text += name;
  }
  return text;
}

}  // namespace

std::optional<std::string> query_choice(const request& req, std::string_view name,
                                        std::initializer_list<std::string_view> allowed)
{
  const auto value = req.query_param(name);
  if (!value) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
    throw error(problem_kind::invalid, "invalid", std::string(name) + " must be one of " + listed(allowed), std::string(name));
  }
  return std::string(*value);
}

response list_answer(const request& req, nlohmann::json items, std::initializer_list<std::string_view> sort_fields,
                     std::string_view default_sort)
{
  return json_response(list_page_of(std::move(items), page_request_of(req), sort_fields, default_sort));
}

nlohmann::json list_page_of(nlohmann::json items, const domain::page_request& wanted,
                            std::initializer_list<std::string_view> sort_fields, std::string_view default_sort)
{
  const std::string sort = wanted.sort.empty() ? std::string(default_sort) : wanted.sort;
  const bool descending = sort.starts_with('-');
  const auto field = descending ? sort.substr(1) : sort;
  if (std::find(sort_fields.begin(), sort_fields.end(), field) == sort_fields.end()) {
    throw error(problem_kind::invalid, "invalid", "sort must be one of " + listed(sort_fields) + ", with - before it for descending",
                "sort");
  }
  std::stable_sort(items.begin(), items.end(), [&](const nlohmann::json& a, const nlohmann::json& b) {
    return descending ? b.at(field) < a.at(field) : a.at(field) < b.at(field);
  });
  const auto total = items.size();
  const auto page_size = static_cast<std::size_t>(wanted.page_size);
  // Read through a cursor (an export), the list is already whole in memory: all of it at once.
  const auto first = wanted.cursor ? 0 : std::min(total, static_cast<std::size_t>(wanted.page - 1) * page_size);
  const auto last = wanted.cursor ? total : std::min(total, first + page_size);
  if (wanted.cursor) wanted.cursor->finish();
  auto data = nlohmann::json::array();
  for (auto i = first; i < last; ++i) data.push_back(std::move(items[i]));
  return {{"data", std::move(data)}, {"page", wanted.page}, {"page_size", wanted.page_size}, {"total", total}};
}


}  // namespace pedalpower::api
