#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pedalpower/api/error.hpp"
#include "pedalpower/api/response.hpp"
#include "pedalpower/domain/listing.hpp"
#include "pedalpower/core/outcome.hpp"

namespace pedalpower::api {

struct request;

// Reading a list's query (page, page_size, sort, q and filters by field name) and rendering its
// answer: {"data": [...], "page", "page_size", "total"}. Each reader throws api::error 422 naming
// the parameter.

/// `page` (from 1, default 1) and `page_size` (1 to 200, default 50), for a list in one fixed order.
domain::page_request page_of(const request& req);
/// `page`, `page_size` and `sort`.
domain::page_request page_request_of(const request& req);
/// Query parameter `name` as true or false; nullopt when absent.
std::optional<bool> query_flag(const request& req, std::string_view name);
/// Query parameter `name` as text; nullopt when absent.
std::optional<std::string> query_text(const request& req, std::string_view name);

template <typename T>
nlohmann::json list_json(const domain::list_page<T>& page)
{
  return {{"data", page.items}, {"page", page.page}, {"page_size", page.page_size}, {"total", page.total}};
}

/// The page in the list envelope; throws api::error for the problem when there is none.
template <typename T>
nlohmann::json listed_page(const pedalpower::outcome<domain::list_page<T>>& page)
{
  if (!page) {
    const auto& failure = page.error();
    throw error(failure);
  }
  return list_json(page.value());
}

template <typename T>
response list_response(const pedalpower::outcome<domain::list_page<T>>& page)
{
  return page ? json_response(list_json(page.value())) : problem_response(page.error());
}

}  // namespace pedalpower::api
