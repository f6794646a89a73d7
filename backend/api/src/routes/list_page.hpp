#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/api/response.hpp"
#include "pedalpower/domain/listing.hpp"
#include "routes/list_params.hpp"

namespace pedalpower::api {

struct request;

/// Answers `items` in the list envelope {"data", "page", "page_size", "total"}: reads `page` (from 1)
/// and `page_size` (1..200, default 50), sorts by `sort` (a field of `sort_fields`, `-field` for
/// descending; `default_sort` when absent) and cuts out the page. A bad parameter is 422 naming it.
response list_answer(const request& req, nlohmann::json items, std::initializer_list<std::string_view> sort_fields,
                     std::string_view default_sort);

/// The page `wanted` of `items` in the list envelope, sorted by `wanted.sort` (`default_sort` when
/// empty) among `sort_fields`; 422 naming sort for another field. Read through a cursor, every item.
nlohmann::json list_page_of(nlohmann::json items, const domain::page_request& wanted,
                            std::initializer_list<std::string_view> sort_fields, std::string_view default_sort);

/// Query parameter `name` when it is one of `allowed`; nullopt when absent; 422 naming it otherwise.
std::optional<std::string> query_choice(const request& req, std::string_view name,
                                        std::initializer_list<std::string_view> allowed);


}  // namespace pedalpower::api
